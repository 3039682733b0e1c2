using Microsoft.Extensions.Options;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// Submitting a referral: the draft must pass every check, gets its reference (kept on resubmission), and
/// becomes a frozen version; the case moves to Received and the coordinators are told, all in one case
/// command. A second click (or a redelivery) answers with the same confirmation and no second reference.
/// </summary>
public sealed class ReferralSubmission(CaseStore cases, CaseAccess access, ReceivedReferralNotice notice, ProcessProfile profile,
    IOptions<CaseReferenceOptions> references, ReferringAgencies agencies, RepeatReferralSecret repeatSecret, TimeProvider clock,
    ILogger<ReferralSubmission> log)
{
    public async Task<InvokeResponse> SubmitAsync(CardAction action, CancellationToken ct)
    {
        // A first submission needs a new reference from the board's counter (outside the case's partition), claimed
        // before the case command; if the command does not use it (a double click submitted first), it is released.
        var caseId = action.GetString(ReferralVerbs.CaseIdKey);
        var current = CaseStore.IsCaseId(caseId) ? await cases.GetAsync(caseId!, ct) : null;
        var claimed = current is { Reference: null, IsEditableByReferrer: true } && CaseAccess.IsReferrer(current, action.Actor)
            ? await ClaimNewReferenceAsync(current.CaseId, LondonTime.DayOf(clock.GetUtcNow()).Year, ct)
            : null;
        var used = false;
        var repeatKey = await repeatSecret.GetAsync(ct);

        var answer = await access.AsReferrerAsync(action, (owned, writes) =>
        {
            used = false;
            var record = owned.Case;
            if (!record.IsEditableByReferrer || owned.Draft is null)
                return record.Reference is not null ? Confirmation(record) : InvokeResponse.Message(ReferralsFeature.NotEditable);

            var today = LondonTime.DayOf(writes.Now);
            var read = ReferralReader.Read(owned.Draft.Draft, today, agencies);
            if (!read.Ready) return InvokeResponse.Card(ReferralViews.Review(record.CaseId, owned.Draft.Draft, today, agencies).ToJson());
            var referral = read.Referral!;
            if ((record.Reference ?? claimed) is not { } reference)
                return InvokeResponse.Message("Your referral could not be submitted just now because it was changing. Please try again.");
            used = record.Reference is null;

            var received = record.Submit(reference, referral.Referrer.Agency, ReferralRiskLevel.BandOf(referral, profile.RiskBands).Word,
                profile.Stages, writes.Now).Then(c => c with { RepeatKeys = string.Join(",", RepeatReferralKeys.Of(referral.Person, repeatKey)) });
            if (received.IsRefused) return InvokeResponse.Message(received.Refusal!);
            // The working copy stays at the review step: if the case is returned, the referrer amends it from there.
            writes.Apply(received)
                .Put(DraftRow.Frozen(record.CaseId, received.After.Version, owned.Draft.Draft, writes.Now));
            if (notice.ForCoordinators(received.After) is { } message) writes.Send(message);
            log.LogInformation("Referral submitted as version {Version}; coordinators told: {Told}", received.After.Version, notice.HasCoordinatorsChannel);
            return Confirmation(received.After);
        }, ct, DraftRow.VersionRow((current?.Version ?? 0) + 1));

        if (claimed is not null && !used) await cases.ReleaseReferenceAsync(claimed, ct);
        return answer;
    }

    private InvokeResponse Confirmation(Escalation.Cases.Case record) =>
        InvokeResponse.Card(ConfirmationCard.Build(record.Reference!, record.Version, notice.HasCoordinatorsChannel).ToJson());

    private async Task<string> ClaimNewReferenceAsync(string caseId, int year, CancellationToken ct)
    {
        while (true)
        {
            var reference = references.Value.For(year, await cases.NextSequenceAsync(year, ct)).ToString();
            if (await cases.ClaimReferenceAsync(reference, caseId, ct)) return reference;
        }
    }
}
