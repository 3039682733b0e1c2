using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// "Show details" (coordinators' cards, my referrals) and "View referral" (the partners' card): the latest submitted
/// version, as the invoke answer, so only the person who clicked sees it: its contents, then a page at a time.
/// Allowed to the referrer and to board roles that work on cases; members of a statutory partner see a case only once
/// it has been sent to the partners. Every page asked for is checked and logged on the case the same way.
/// </summary>
public sealed class CaseDetails(CaseCommands commands, CaseStore cases, BoardDirectory directory, ReferringAgencies agencies, ILogger<CaseDetails> log)
{
    public const string Refused = "Sorry, case details are only shown to the referrer and to the board's coordinators, deputy board manager, chair, statutory partner representatives and auditors.";
    public const string NotYetWithPartners = "This referral has not been sent to the statutory partners, so its details are not shown to partner members yet.";

    private static readonly BoardRole[] BoardReaders = [BoardRole.Coordinator, BoardRole.DeputyBoardManager, BoardRole.Chair, BoardRole.Auditor];

    /// <summary>The stages before the partners have the case: a partner member may not read it then.</summary>
    private static readonly CaseStage[] BeforePartners = [CaseStage.Draft, CaseStage.Received, CaseStage.InTriage, CaseStage.Returned];

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
            if (!isReferrer && !directory.HasAny(actor.UserKey, BoardReaders))
            {
                if (!directory.HasAny(actor.UserKey, BoardRole.PartnerRep)) return writes.Refuse(action.Verb, InvokeResponse.Message(Refused));
                if (BeforePartners.Contains(record.Stage))
                    return writes.Refuse($"{action.Verb}: not yet with the statutory partners", InvokeResponse.Message(NotYetWithPartners));
            }
            if (record.Version < 1 || record.Reference is null)
                return InvokeResponse.Message("This referral has not been submitted yet, so there are no details to show.");
            if (!file.WasRead(DraftRow.VersionRow(record.Version)) || file.Row(DraftRow.VersionRow(record.Version)) is not { } frozen
                || DraftRow.ReadDraft(frozen) is not { } draft)
            {
                log.LogError("Case {CaseId} has no readable version {Version}", record.CaseId, record.Version);
                return InvokeResponse.Message("The details of this referral could not be read. Please tell the board's business unit.");
            }
            var pages = ReferralViews.DetailsPages(draft, agencies);
            var n = PageAsked(action, pages);
            if (n is null)
            {
                writes.Log(CaseActions.DetailsViewed, $"version {record.Version}; contents");
                var entries = pages.Select((p, i) => (p, i)).GroupBy(x => x.p.SectionId)
                    .Select(g => new DetailsContentsEntry(ReferralForm.Find(g.Key)!.Title, g.First().i + 1, g.Count())).ToList();
                return InvokeResponse.Card(CaseDetailsCard.Contents(record.CaseId, record.Reference, record.Version, entries).ToJson());
            }
            var page = pages[n.Value - 1];
            writes.Log(CaseActions.DetailsViewed, $"version {record.Version}; page {n} of {pages.Count} ({page.SectionId})");
            return InvokeResponse.Card(CaseDetailsCard.Build(new DetailsPageView(record.CaseId, record.Reference, record.Version, n.Value, pages.Count,
                page.Title, page.Lines)).ToJson());
        }, () => InvokeResponse.Message(CaseAccess.NotFound), ct);
    }

    /// <summary>The page asked for (1-based, kept within the pages), or a step's first page (older cards name a step); null for the contents.</summary>
    private static int? PageAsked(CardAction action, IReadOnlyList<ReferralViews.DetailsPage> pages)
    {
        if (FieldValues.ParseWholeNumber(action.GetString(ReferralVerbs.PageKey)) is { } page) return Math.Clamp(page, 1, pages.Count);
        var step = action.GetString(ReferralVerbs.StepKey);
        var first = pages.ToList().FindIndex(p => p.SectionId == step);
        return first < 0 ? null : first + 1;
    }
}
