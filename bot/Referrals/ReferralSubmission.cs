using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// Submitting a referral: the draft must pass every check, gets its reference (kept on resubmission), and
/// becomes a frozen version; the case moves to Received and the coordinators are told, all in one
/// transaction. A second click (or a redelivery) answers with the same confirmation and no second reference.
/// </summary>
public sealed class ReferralSubmission(CaseStore cases, TableClient table, CaseAccess access, ReceivedReferralNotice notice, RiskBandScheme bands,
    IOptions<CaseReferenceOptions> references, ReferringAgencies agencies, TimeProvider clock, ILogger<ReferralSubmission> log)
{
    public async Task<InvokeResponse> SubmitAsync(CardAction action, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (owned, refusal) = await access.OwnAsync(action, ct);
            if (owned is null) return refusal!;
            var record = owned.Record;
            if (!ReferralsFeature.IsEditable(record) || owned.Draft is null)
                return record.Reference is not null ? Confirmation(record) : InvokeResponse.Message(ReferralsFeature.NotEditable);

            var now = clock.GetUtcNow();
            var today = LondonTime.DayOf(now);
            var read = ReferralReader.Read(owned.Draft.Draft, today, agencies);
            if (!read.Ready) return InvokeResponse.Card(ReferralViews.Review(record.CaseId, owned.Draft.Draft, today, agencies).ToJson());
            var referral = read.Referral!;

            var reference = record.Reference ?? await ClaimNewReferenceAsync(record.CaseId, today.Year, ct);
            var resubmission = record.Version > 0;
            var version = record.Version + 1;
            var received = record with
            {
                Stage = nameof(CaseStage.Received),
                Reference = reference,
                Version = version,
                ReceivedAt = now,
                UpdatedAt = now,
                RiskBand = ReferralRiskLevel.BandOf(referral, bands).Word,
                ReferringAgency = referral.Referrer.Agency,
                ExpiryWarnedAt = null,
            };
            var detail = $"{reference}; agency {referral.Referrer.Agency}; risk {received.RiskBand}";
            var tx = cases.Begin(record.CaseId);
            tx.Replace(received.ToEntity(), record.ETag);
            // The working copy stays at the review step: if the case is returned, the referrer amends it from there.
            tx.Replace(owned.Draft.ToEntity(), owned.Draft.ETag);
            tx.Add(DraftRow.Frozen(record.CaseId, version, owned.Draft.Draft, now));
            tx.Add(new CaseLogEntry(now, action.Actor.UserKey, "Referrer", referral.Referrer.Agency,
                resubmission ? CaseActions.Resubmitted : CaseActions.Submitted, detail).ToEntity(record.CaseId));
            tx.Add(new CaseLogEntry(now, "bot", "System", null, CaseActions.Received, detail).ToEntity(record.CaseId));
            var message = notice.ForCoordinators(received, now);
            if (message is not null) tx.Send(message);
            try
            {
                await tx.CommitAsync(ct);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Someone (usually a double click) changed the case meanwhile: read again; if it is now submitted
                // the next round answers with its confirmation. A reference claimed here and not used is released.
                if (record.Reference is null) await ReleaseReferenceAsync(reference, ct);
                continue;
            }
            log.LogInformation("Referral submitted as version {Version}; coordinators told: {Told}", version, message is not null);
            return Confirmation(received);
        }
        return InvokeResponse.Message("Your referral could not be submitted just now because it was changing. Please try again.");
    }

    private InvokeResponse Confirmation(CaseRecord record) =>
        InvokeResponse.Card(ConfirmationCard.Build(record.Reference!, record.Version, notice.HasCoordinatorsChannel).ToJson());

    /// <summary>The sequence number is spent (a gap), but the reference no longer points at this case.</summary>
    private async Task ReleaseReferenceAsync(string reference, CancellationToken ct) =>
        await table.DeleteEntityAsync(CaseStore.ReferencesPartition, Storage.Keys.Escape(reference.ToUpperInvariant()), Azure.ETag.All, ct);

    private async Task<string> ClaimNewReferenceAsync(string caseId, int year, CancellationToken ct)
    {
        while (true)
        {
            var reference = references.Value.For(year, await cases.NextSequenceAsync(year, ct)).ToString();
            if (await cases.ClaimReferenceAsync(reference, caseId, ct)) return reference;
        }
    }
}
