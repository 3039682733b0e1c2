using Azure;
using Azure.Data.Tables;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// The practitioner's referral journey in the personal chat: the route check, the form section by section
/// (every Next, Back and Save stored at once), the review, and the list of their referrals and drafts.
/// Submitting is <see cref="ReferralSubmission"/>; "Show details" is <see cref="CaseDetails"/>.
/// </summary>
public sealed class ReferralsFeature(CaseCommands commands, CaseStore cases, CaseAccess access, ReferralSubmission submission, CaseDetails details,
    DraftExpiry expiry, Replies replies, ReferringAgencies agencies, ILogger<ReferralsFeature> log) : IBotFeature
{
    public const string PersonalChatOnly = "Referrals are made in your personal chat with me, so the person's details stay private. Open a chat with me and type \"refer\".";
    public const string NotEditable = "This referral has been submitted and can no longer be changed. Type \"my referrals\" to see where it stands.";
    public const string OnlyDrafts = "Only drafts can be discarded; this referral has been submitted.";

    public void Map(BotRoutes routes)
    {
        routes.Command(Commands.Refer, StartFromChatAsync);
        routes.Command(Commands.NewReferral, StartFromChatAsync);
        routes.Command(Commands.MyReferrals, ListFromChatAsync);
        routes.Verb(ReferralVerbs.Start, (a, _) => Task.FromResult(a.IsPersonal
            ? InvokeResponse.Card(ReferralViews.RouteCheck().ToJson()) : InvokeResponse.Message(PersonalChatOnly)));
        routes.Verb(ReferralVerbs.List, async (a, ct) => InvokeResponse.Card((await MyReferralsAsync(a.Actor, ct)).ToJson()));
        routes.Verb(ReferralVerbs.Route, RouteAsync);
        routes.Verb(ReferralVerbs.Next, (a, ct) => MoveAsync(a, Move.Next, ct));
        routes.Verb(ReferralVerbs.Back, (a, ct) => MoveAsync(a, Move.Back, ct));
        routes.Verb(ReferralVerbs.Save, (a, ct) => MoveAsync(a, Move.Save, ct));
        routes.Verb(ReferralVerbs.AddRisk, (a, ct) => ChangeRisksAsync(a, RiskChange.Add, ct));
        routes.Verb(ReferralVerbs.RemoveRisk, (a, ct) => ChangeRisksAsync(a, RiskChange.Remove, ct));
        routes.Verb(ReferralVerbs.OpenRisk, (a, ct) => ChangeRisksAsync(a, RiskChange.Open, ct));
        routes.Verb(ReferralVerbs.Resume, ResumeAsync);
        routes.Verb(ReferralVerbs.Edit, EditAsync);
        routes.Verb(ReferralVerbs.Discard, DiscardAsync);
        routes.Verb(ReferralVerbs.DiscardConfirm, DiscardConfirmedAsync);
        routes.Verb(ReferralVerbs.Submit, submission.SubmitAsync);
        routes.Verb(ReferralVerbs.ShowDetails, details.ShowAsync);
    }

    private Task StartFromChatAsync(ChatMessage m, CancellationToken ct) => m.IsPersonal
        ? replies.SendAsync(m.ConversationId, Replies.Card(ReferralViews.RouteCheck().ToJson()), ct)
        : replies.SendAsync(m.ConversationId, Replies.Text(PersonalChatOnly), ct);

    private async Task ListFromChatAsync(ChatMessage m, CancellationToken ct)
    {
        if (!m.IsPersonal) { await replies.SendAsync(m.ConversationId, Replies.Text(PersonalChatOnly), ct); return; }
        await replies.SendAsync(m.ConversationId, Replies.Card((await MyReferralsAsync(m.Actor, ct)).ToJson()), ct);
    }

    private async Task<Cards.AdaptiveCard> MyReferralsAsync(Actor actor, CancellationToken ct)
    {
        // Work still to do first (drafts, referrals returned to amend), then the rest; each most recently changed first.
        var mine = (await cases.ListByReferrerAsync(actor.UserKey, ct)).OrderByDescending(c => c.IsEditableByReferrer).ThenByDescending(c => c.UpdatedAt);
        return MyReferralsCard.Build([.. mine.Select(c => new MyReferralItem(
            c.CaseId, c.Reference, CaseStageWords.Display(c.Stage), LondonTime.DayOf(c.UpdatedAt).ToString("d MMM yyyy"),
            IsDraft: c.Stage == CaseStage.Draft, CanResume: c.IsEditableByReferrer))]);
    }

    /// <summary>The gating questions answered: redirect, ask again, or open a new draft at the first section.</summary>
    private async Task<InvokeResponse> RouteAsync(CardAction action, CancellationToken ct)
    {
        if (!action.IsPersonal) return InvokeResponse.Message(PersonalChatOnly);
        var inputs = CardInputs.Of(action.Data);
        var (answers, errors) = RouteCheck.Read(inputs);
        if (answers is null) return InvokeResponse.Card(ReferralViews.RouteCheck(inputs, errors).ToJson());
        var result = RouteCheck.Evaluate(answers);
        if (!result.Proceed) return InvokeResponse.Card(ReferralViews.Redirect(result).ToJson());

        var draft = ReferralDraft.Start(answers, new ReferrerPrefill(action.Actor.Name, null));
        var caseId = CaseStore.NewCaseId();
        return await commands.CreateAsync(caseId, CaseAccess.Referrer(action.Actor), writes =>
        {
            var row = new DraftRow(caseId, draft, ReferralForm.Sections[0].Id);
            writes.Apply(Case.StartDraft(caseId, action.Actor.UserKey, writes.Now)).Put(row.ToEntity())
                .Schedule(DraftExpiry.Kind, expiry.FirstVisit(writes.Now));
            log.LogInformation("Referral draft created");
            // The new case's partition is where a copy of this answer may be kept for a redelivery.
            return InvokeResponse.Card(ReferralViews.Step(caseId, draft, row.Step, LondonTime.DayOf(writes.Now), agencies: agencies).ToJson())
                with { KeepWith = CaseRow.PartitionOf(caseId) };
        }, ct);
    }

    private enum Move { Next, Back, Save }

    /// <summary>Next, Back and Save: bind what was typed to the section it was typed on, store it, then show where to go.</summary>
    private Task<InvokeResponse> MoveAsync(CardAction action, Move move, CancellationToken ct) => access.AsReferrerAsync(action, (owned, writes) =>
    {
        if (!owned.Case.IsEditableByReferrer || owned.Draft is null) return InvokeResponse.Message(NotEditable);
        var today = LondonTime.DayOf(writes.Now);
        var step = ReferralForm.Find(action.GetString(ReferralVerbs.StepKey))?.Id ?? owned.Draft.Step;
        var draft = ReferralFormBinder.Apply(owned.Draft.Draft, step, CardInputs.Of(action.Data));
        var errors = move == Move.Next ? ReferralValidation.Validate(draft, step, today, agencies) : [];
        var target = move switch
        {
            Move.Next when errors.Count > 0 => step,
            Move.Next => ReferralForm.Next(step)?.Id ?? ReferralForm.ReviewStep,
            Move.Back => ReferralForm.Previous(step)?.Id ?? step,
            _ => step,
        };
        Save(owned, draft, target, writes);
        if (move == Move.Save)
            return InvokeResponse.Message("Your draft is saved. Type \"my referrals\" to carry on later. Unused drafts are deleted after a while; I'll warn you first.");
        // Shown again with errors: keep the risk that was open unless the errors are on another one.
        var openRisk = target == step ? RiskOf(action) : null;
        return InvokeResponse.Card(ReferralViews.Step(owned.Case.CaseId, draft, target, today, errors, openRisk, agencies).ToJson());
    }, ct);

    private enum RiskChange { Add, Remove, Open }

    /// <summary>
    /// "Add another risk", "Remove this risk" and "Edit risk N" on the risks section: what was typed is bound and
    /// stored first (like Save), then the list changes, within <see cref="ReferralForm.MinRisks"/>..<see cref="ReferralForm.MaxRisks"/>.
    /// </summary>
    private Task<InvokeResponse> ChangeRisksAsync(CardAction action, RiskChange change, CancellationToken ct) => access.AsReferrerAsync(action, (owned, writes) =>
    {
        if (!owned.Case.IsEditableByReferrer || owned.Draft is null) return InvokeResponse.Message(NotEditable);

        const string step = ReferralForm.MultiAgencySection;
        var draft = ReferralFormBinder.Apply(owned.Draft.Draft, step, CardInputs.Of(action.Data));
        var risk = RiskOf(action) ?? 1;
        IReadOnlyList<FieldError> errors = [];
        int open;
        switch (change)
        {
            case RiskChange.Add when draft.RiskCount >= ReferralForm.MaxRisks:
                errors = [new FieldError(ReferralFields.Risks, $"A referral can hold up to {ReferralForm.MaxRisks} risks. Put any others in the risk assessment you link to.")];
                open = risk;
                break;
            case RiskChange.Add:
                draft = draft.WithRiskAdded();
                open = draft.RiskCount;
                break;
            case RiskChange.Remove when draft.RiskCount <= ReferralForm.MinRisks:
                errors = [new FieldError(ReferralFields.Risks, "A referral needs at least one risk, so the last one cannot be removed. Change its answers instead.")];
                open = risk;
                break;
            case RiskChange.Remove when RiskOf(action) is not { } number || number < 1 || number > draft.RiskCount:
                // A button without a risk we have (a stale or tampered card): remove nothing rather than guess.
                open = 1;
                break;
            case RiskChange.Remove:
                draft = draft.WithRiskRemoved(risk);
                open = Math.Min(risk, draft.RiskCount);
                break;
            default:
                open = risk;
                break;
        }
        Save(owned, draft, step, writes);
        log.LogInformation("Referral risks changed ({Change}); {RiskCount} risks", change, draft.RiskCount);
        return InvokeResponse.Card(ReferralViews.Step(owned.Case.CaseId, draft, step, LondonTime.DayOf(writes.Now), errors, open, agencies).ToJson());
    }, ct);

    private static int? RiskOf(CardAction action) => FieldValues.ParseWholeNumber(action.GetString(ReferralVerbs.RiskKey));

    private Task<InvokeResponse> ResumeAsync(CardAction action, CancellationToken ct) => access.AsReferrerAsync(action, (owned, writes) =>
        !owned.Case.IsEditableByReferrer || owned.Draft is null
            ? InvokeResponse.Message(NotEditable)
            : InvokeResponse.Card(ReferralViews.Step(owned.Case.CaseId, owned.Draft.Draft, owned.Draft.Step, LondonTime.DayOf(writes.Now), agencies: agencies).ToJson()), ct);

    /// <summary>"Edit this section" on the review: that section, with its answers' errors if any, and the draft's step moved there.</summary>
    private Task<InvokeResponse> EditAsync(CardAction action, CancellationToken ct) => access.AsReferrerAsync(action, (owned, writes) =>
    {
        if (!owned.Case.IsEditableByReferrer || owned.Draft is null) return InvokeResponse.Message(NotEditable);
        var section = ReferralForm.Sections.FirstOrDefault(s => s.Id == action.GetString(ReferralVerbs.StepKey))?.Id ?? ReferralForm.Sections[0].Id;
        var draft = owned.Draft.Draft;
        var today = LondonTime.DayOf(writes.Now);
        Save(owned, draft, section, writes);
        return InvokeResponse.Card(ReferralViews.Step(owned.Case.CaseId, draft, section, today,
            ReferralValidation.Validate(draft, section, today, agencies), agencies: agencies).ToJson());
    }, ct);

    private Task<InvokeResponse> DiscardAsync(CardAction action, CancellationToken ct) => access.AsReferrerAsync(action, (owned, _) =>
        owned.Case.Stage != CaseStage.Draft
            ? InvokeResponse.Message(OnlyDrafts)
            : InvokeResponse.Card(MyReferralsCard.ConfirmDiscard(owned.Case.CaseId).ToJson()), ct);

    /// <summary>Deletes the draft's head and working copy; the log (no personal data) keeps that it was discarded.</summary>
    private async Task<InvokeResponse> DiscardConfirmedAsync(CardAction action, CancellationToken ct)
    {
        var discarded = false;
        var answer = await access.AsReferrerAsync(action, (owned, writes) =>
        {
            if (owned.Case.Stage != CaseStage.Draft) return InvokeResponse.Message(OnlyDrafts);
            writes.DeleteCase().Delete(DraftRow.Row).Log(CaseActions.DraftDiscarded);
            discarded = true;
            return InvokeResponse.Message("");
        }, ct);
        if (!discarded) return answer;
        log.LogInformation("Referral draft discarded");
        return InvokeResponse.Card((await MyReferralsAsync(action.Actor, ct)).ToJson());
    }

    /// <summary>Stores the draft and touches the case head: a save is activity, so the expiry clock restarts.</summary>
    private static void Save(OwnedCase owned, ReferralDraft draft, string step, CaseWrites writes) =>
        writes.Apply(owned.Case.DraftSaved(step, writes.Now)).Put(new DraftRow(owned.Case.CaseId, draft, step).ToEntity());
}
