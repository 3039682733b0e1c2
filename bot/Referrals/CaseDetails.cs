using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// "Show details" on a channel card: the latest submitted version, as the invoke answer, so only the person who
/// clicked sees it, a page at a time (a section, or one risk). Allowed to the referrer and to board roles that work
/// on cases; every page asked for is checked and logged the same way, as the card's page buttons use this verb too.
/// </summary>
public sealed class CaseDetails(CaseStore cases, CaseAccess access, BoardDirectory directory, ReferringAgencies agencies, TimeProvider clock,
    ILogger<CaseDetails> log)
{
    public const string Refused = "Sorry, case details are only shown to the referrer and to the board's coordinators, deputy board manager, chair, statutory partner representatives and auditors.";

    private static readonly BoardRole[] Readers =
        [BoardRole.Coordinator, BoardRole.DeputyBoardManager, BoardRole.Chair, BoardRole.PartnerRep, BoardRole.Auditor];

    public async Task<InvokeResponse> ShowAsync(CardAction action, CancellationToken ct)
    {
        var caseId = action.GetString(ReferralVerbs.CaseIdKey);
        var record = CaseStore.IsCaseId(caseId) ? await cases.GetAsync(caseId!, ct) : null;
        if (record is null) return InvokeResponse.Message(CaseAccess.NotFound);

        var actor = action.Actor;
        var isReferrer = string.Equals(record.ReferrerKey, actor.UserKey, StringComparison.OrdinalIgnoreCase);
        var role = isReferrer ? nameof(BoardRole.Referrer) : directory.MainRoleOf(actor.UserKey);
        if (!isReferrer && !directory.HasAny(actor.UserKey, Readers))
        {
            await access.RefuseAsync(record.CaseId, actor, role, action.Verb, ct);
            return InvokeResponse.Message(Refused);
        }
        if (record.Version < 1 || record.Reference is null)
            return InvokeResponse.Message("This referral has not been submitted yet, so there are no details to show.");

        var frozen = await cases.GetRowAsync(record.CaseId, DraftRow.VersionRow(record.Version), ct);
        if (frozen is null || DraftRow.ReadDraft(frozen) is not { } draft)
        {
            log.LogError("Case {CaseId} has no readable version {Version}", record.CaseId, record.Version);
            return InvokeResponse.Message("The details of this referral could not be read. Please tell the board's business unit.");
        }

        var page = action.GetString(ReferralVerbs.StepKey);
        var risk = FieldValues.ParseWholeNumber(action.GetString(ReferralVerbs.RiskKey));
        var tx = cases.Begin(record.CaseId);
        tx.Add(new CaseLogEntry(clock.GetUtcNow(), actor.UserKey, role, directory.AgencyOf(actor.UserKey)?.Name,
            CaseActions.DetailsViewed, $"version {record.Version}; {ReferralViews.DetailsPageName(page, risk, draft)}").ToEntity(record.CaseId));
        await tx.CommitAsync(ct);
        return InvokeResponse.Card(CaseDetailsCard.Build(ReferralViews.DetailsPage(record.CaseId, record.Reference, record.Version, draft, page, risk, agencies)).ToJson());
    }
}
