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
public sealed class CaseDetails(CaseCommands commands, CaseStore cases, BoardDirectory directory, ReferringAgencies agencies, ILogger<CaseDetails> log)
{
    public const string Refused = "Sorry, case details are only shown to the referrer and to the board's coordinators, deputy board manager, chair, statutory partner representatives and auditors.";

    private static readonly BoardRole[] Readers =
        [BoardRole.Coordinator, BoardRole.DeputyBoardManager, BoardRole.Chair, BoardRole.PartnerRep, BoardRole.Auditor];

    public async Task<InvokeResponse> ShowAsync(CardAction action, CancellationToken ct)
    {
        var caseId = action.GetString(ReferralVerbs.CaseIdKey);
        // The submitted version to show depends on the case, so it is read first; the read itself is logged by the command.
        var current = CaseStore.IsCaseId(caseId) ? await cases.GetAsync(caseId!, ct) : null;
        var versionRow = DraftRow.VersionRow(current?.Version ?? 0);
        var actor = action.Actor;
        var isReferrer = current is not null && CaseAccess.IsReferrer(current, actor);
        var who = isReferrer ? CaseAccess.Referrer(actor) : directory.ActorFor(actor.UserKey);

        return await commands.RunAsync(current?.CaseId, who, [versionRow], (file, writes) =>
        {
            var record = file.Case;
            if (!isReferrer && !directory.HasAny(actor.UserKey, Readers)) return writes.Refuse(action.Verb, InvokeResponse.Message(Refused));
            if (record.Version < 1 || record.Reference is null)
                return InvokeResponse.Message("This referral has not been submitted yet, so there are no details to show.");
            if (!file.WasRead(DraftRow.VersionRow(record.Version)) || file.Row(DraftRow.VersionRow(record.Version)) is not { } frozen
                || DraftRow.ReadDraft(frozen) is not { } draft)
            {
                log.LogError("Case {CaseId} has no readable version {Version}", record.CaseId, record.Version);
                return InvokeResponse.Message("The details of this referral could not be read. Please tell the board's business unit.");
            }
            var page = action.GetString(ReferralVerbs.StepKey);
            var risk = Escalation.Referrals.FieldValues.ParseWholeNumber(action.GetString(ReferralVerbs.RiskKey));
            writes.Log(CaseActions.DetailsViewed, $"version {record.Version}; {ReferralViews.DetailsPageName(page, risk, draft)}");
            return InvokeResponse.Card(CaseDetailsCard.Build(ReferralViews.DetailsPage(record.CaseId, record.Reference, record.Version, draft, page, risk, agencies)).ToJson());
        }, () => InvokeResponse.Message(CaseAccess.NotFound), ct);
    }
}
