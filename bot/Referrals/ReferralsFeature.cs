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
public sealed class ReferralsFeature(CaseStore cases, CaseAccess access, ReferralSubmission submission, CaseDetails details,
    Replies replies, ReferringAgencies agencies, TimeProvider clock, ILogger<ReferralsFeature> log) : IBotFeature
{
    public const string PersonalChatOnly = "Referrals are made in your personal chat with me, so the person's details stay private. Open a chat with me and type \"refer\".";
    public const string Changed = "This draft was changed somewhere else at the same moment. Type \"my referrals\" and open it again.";
    public const string NotEditable = "This referral has been submitted and can no longer be changed. Type \"my referrals\" to see where it stands.";

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

    private DateOnly Today => LondonTime.DayOf(clock.GetUtcNow());

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
        var mine = (await cases.ListByReferrerAsync(actor.UserKey, ct)).OrderByDescending(IsEditable).ThenByDescending(c => c.UpdatedAt);
        return MyReferralsCard.Build([.. mine.Select(c => new MyReferralItem(
            c.CaseId, c.Reference, StageWords(c.Stage), LondonTime.DayOf(c.UpdatedAt).ToString("d MMM yyyy"),
            IsDraft: c.Stage == nameof(CaseStage.Draft), CanResume: IsEditable(c)))]);
    }

    private static string StageWords(string stage) =>
        Enum.TryParse<CaseStage>(stage, out var s) ? CaseStageWords.Display(s) : stage;

    public static bool IsEditable(CaseRecord record) => record.Stage is nameof(CaseStage.Draft) or nameof(CaseStage.Returned);

    /// <summary>The gating questions answered: redirect, ask again, or open a new draft at the first section.</summary>
    private async Task<InvokeResponse> RouteAsync(CardAction action, CancellationToken ct)
    {
        if (!action.IsPersonal) return InvokeResponse.Message(PersonalChatOnly);
        var inputs = CardInputs.Of(action.Data);
        var (answers, errors) = RouteCheck.Read(inputs);
        if (answers is null) return InvokeResponse.Card(ReferralViews.RouteCheck(inputs, errors).ToJson());
        var result = RouteCheck.Evaluate(answers);
        if (!result.Proceed) return InvokeResponse.Card(ReferralViews.Redirect(result).ToJson());

        var now = clock.GetUtcNow();
        var caseId = CaseStore.NewCaseId();
        var draft = ReferralDraft.Start(answers, new ReferrerPrefill(action.Actor.Name, null));
        var record = new CaseRecord
        {
            CaseId = caseId, Stage = nameof(CaseStage.Draft), ReferrerKey = action.Actor.UserKey, CreatedAt = now, UpdatedAt = now,
        };
        var row = new DraftRow(caseId, draft, ReferralForm.Sections[0].Id);
        var tx = cases.Begin(caseId);
        tx.Add(record.ToEntity()).Add(row.ToEntity())
          .Add(new CaseLogEntry(now, action.Actor.UserKey, "Referrer", null, CaseActions.DraftCreated, null).ToEntity(caseId));
        await tx.CommitAsync(ct);
        log.LogInformation("Referral draft created");
        // The new case's partition is where a copy of this answer may be kept for a redelivery.
        return InvokeResponse.Card(ReferralViews.Step(caseId, draft, row.Step, Today, agencies: agencies).ToJson()) with { KeepWith = CaseRecord.PartitionOf(caseId) };
    }

    private enum Move { Next, Back, Save }

    /// <summary>Next, Back and Save: bind what was typed to the section it was typed on, store it, then show where to go.</summary>
    private async Task<InvokeResponse> MoveAsync(CardAction action, Move move, CancellationToken ct)
    {
        var (owned, refusal) = await access.OwnAsync(action, ct);
        if (owned is null) return refusal!;
        if (!IsEditable(owned.Record) || owned.Draft is null) return InvokeResponse.Message(NotEditable);

        var step = ReferralForm.Find(action.GetString(ReferralVerbs.StepKey))?.Id ?? owned.Draft.Step;
        var draft = ReferralFormBinder.Apply(owned.Draft.Draft, step, CardInputs.Of(action.Data));
        var errors = move == Move.Next ? ReferralValidation.Validate(draft, step, Today, agencies) : [];
        var target = move switch
        {
            Move.Next when errors.Count > 0 => step,
            Move.Next => ReferralForm.Next(step)?.Id ?? ReferralForm.ReviewStep,
            Move.Back => ReferralForm.Previous(step)?.Id ?? step,
            _ => step,
        };
        if (!await SaveAsync(owned, draft, target, action.Actor, ct)) return InvokeResponse.Message(Changed);
        if (move == Move.Save)
            return InvokeResponse.Message("Your draft is saved. Type \"my referrals\" to carry on later. Unused drafts are deleted after a while; I'll warn you first.");
        // Shown again with errors: keep the risk that was open unless the errors are on another one.
        var openRisk = target == step ? RiskOf(action) : null;
        return InvokeResponse.Card(ReferralViews.Step(owned.Record.CaseId, draft, target, Today, errors, openRisk, agencies).ToJson());
    }

    private enum RiskChange { Add, Remove, Open }

    /// <summary>
    /// "Add another risk", "Remove this risk" and "Edit risk N" on the risks section: what was typed is bound and
    /// stored first (like Save), then the list changes, within <see cref="ReferralForm.MinRisks"/>..<see cref="ReferralForm.MaxRisks"/>.
    /// </summary>
    private async Task<InvokeResponse> ChangeRisksAsync(CardAction action, RiskChange change, CancellationToken ct)
    {
        var (owned, refusal) = await access.OwnAsync(action, ct);
        if (owned is null) return refusal!;
        if (!IsEditable(owned.Record) || owned.Draft is null) return InvokeResponse.Message(NotEditable);

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
        if (!await SaveAsync(owned, draft, step, action.Actor, ct)) return InvokeResponse.Message(Changed);
        log.LogInformation("Referral risks changed ({Change}); {RiskCount} risks", change, draft.RiskCount);
        return InvokeResponse.Card(ReferralViews.Step(owned.Record.CaseId, draft, step, Today, errors, open, agencies).ToJson());
    }

    private static int? RiskOf(CardAction action) => FieldValues.ParseWholeNumber(action.GetString(ReferralVerbs.RiskKey));

    private async Task<InvokeResponse> ResumeAsync(CardAction action, CancellationToken ct)
    {
        var (owned, refusal) = await access.OwnAsync(action, ct);
        if (owned is null) return refusal!;
        if (!IsEditable(owned.Record) || owned.Draft is null) return InvokeResponse.Message(NotEditable);
        return InvokeResponse.Card(ReferralViews.Step(owned.Record.CaseId, owned.Draft.Draft, owned.Draft.Step, Today, agencies: agencies).ToJson());
    }

    /// <summary>"Edit this section" on the review: that section, with its answers' errors if any, and the draft's step moved there.</summary>
    private async Task<InvokeResponse> EditAsync(CardAction action, CancellationToken ct)
    {
        var (owned, refusal) = await access.OwnAsync(action, ct);
        if (owned is null) return refusal!;
        if (!IsEditable(owned.Record) || owned.Draft is null) return InvokeResponse.Message(NotEditable);
        var section = ReferralForm.Sections.FirstOrDefault(s => s.Id == action.GetString(ReferralVerbs.StepKey))?.Id ?? ReferralForm.Sections[0].Id;
        var draft = owned.Draft.Draft;
        if (!await SaveAsync(owned, draft, section, action.Actor, ct)) return InvokeResponse.Message(Changed);
        return InvokeResponse.Card(ReferralViews.Step(owned.Record.CaseId, draft, section, Today,
            ReferralValidation.Validate(draft, section, Today, agencies), agencies: agencies).ToJson());
    }

    private async Task<InvokeResponse> DiscardAsync(CardAction action, CancellationToken ct)
    {
        var (owned, refusal) = await access.OwnAsync(action, ct);
        if (owned is null) return refusal!;
        if (owned.Record.Stage != nameof(CaseStage.Draft)) return InvokeResponse.Message("Only drafts can be discarded; this referral has been submitted.");
        return InvokeResponse.Card(MyReferralsCard.ConfirmDiscard(owned.Record.CaseId).ToJson());
    }

    /// <summary>Deletes the draft's head and working copy; the log (no personal data) keeps that it was discarded.</summary>
    private async Task<InvokeResponse> DiscardConfirmedAsync(CardAction action, CancellationToken ct)
    {
        var (owned, refusal) = await access.OwnAsync(action, ct);
        if (owned is null) return refusal!;
        if (owned.Record.Stage != nameof(CaseStage.Draft)) return InvokeResponse.Message("Only drafts can be discarded; this referral has been submitted.");
        var caseId = owned.Record.CaseId;
        var tx = cases.Begin(caseId);
        tx.Delete(owned.Record.ToEntity(), owned.Record.ETag);
        if (owned.Draft is not null) tx.Delete(owned.Draft.ToEntity(), owned.Draft.ETag);
        tx.Add(new CaseLogEntry(clock.GetUtcNow(), action.Actor.UserKey, "Referrer", null, CaseActions.DraftDiscarded, null).ToEntity(caseId));
        try { await tx.CommitAsync(ct); }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412) { return InvokeResponse.Message(Changed); }
        log.LogInformation("Referral draft discarded");
        return InvokeResponse.Card((await MyReferralsAsync(action.Actor, ct)).ToJson());
    }

    /// <summary>Stores the draft and touches the case head (both with their ETags): false if either changed meanwhile.</summary>
    private async Task<bool> SaveAsync(OwnedCase owned, ReferralDraft draft, string step, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var caseId = owned.Record.CaseId;
        var tx = cases.Begin(caseId);
        // A save is activity: the expiry clock restarts and a fresh warning is due next time.
        tx.Replace((owned.Record with { UpdatedAt = now, ExpiryWarnedAt = null }).ToEntity(), owned.Record.ETag);
        tx.Replace(new DraftRow(caseId, draft, step).ToEntity(), owned.Draft!.ETag);
        tx.Add(new CaseLogEntry(now, actor.UserKey, "Referrer", null, CaseActions.DraftSaved, step).ToEntity(caseId));
        try
        {
            await tx.CommitAsync(ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }
}
