using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// No meeting required: a coordinator (or the DBM) records the partners' agreed response, the rationale and any further
/// actions with an owner and a date, from the button on the coordinators' decision notice. It is checked on the server
/// (errors next to the fields), fed back to the referrer in their personal chat, and the case log records the feedback
/// date; the case is then closed (domain.md section 2: NoMeeting -> Closed). Typed text goes to the referrer and the
/// case file only, never to the channel or a log.
/// </summary>
public sealed class AgreedResponseFeature(CaseStore cases, BoardDirectory directory, PartnersCards cards, IOptions<BoardOptions> board,
    TimeProvider clock, ILogger<AgreedResponseFeature> log) : IBotFeature
{
    public void Map(BotRoutes routes)
    {
        routes.Verb(PartnersVerbs.OpenResponse, OpenAsync);
        routes.Verb(PartnersVerbs.RecordResponse, RecordAsync);
    }

    private async Task<InvokeResponse> OpenAsync(CardAction action, CancellationToken ct)
    {
        if (await LoadAsync(action, ct) is not { } found) return NotFound();
        var (record, row) = found;
        if (await RefuseAsync(action, record.CaseId, ct) is { } refusal) return refusal;
        if (row.Response is not null) return Recorded(record, row);
        if (row.Outcome != PartnerChoice.NoMeeting)
            return InvokeResponse.Message("An agreed response is recorded only once the partners have decided that no meeting is required.");
        return InvokeResponse.Card(AgreedResponseCard.Form(FormInput(record, row)).ToJson());
    }

    private async Task<InvokeResponse> RecordAsync(CardAction action, CancellationToken ct)
    {
        if (await LoadAsync(action, ct) is not { } found) return NotFound();
        var (record, row) = found;
        if (await RefuseAsync(action, record.CaseId, ct) is { } refusal) return refusal;
        if (row.Response is not null) return Recorded(record, row); // a repeated click, or someone else was first

        var now = clock.GetUtcNow();
        var today = LondonTime.DayOf(now);
        var typed = ReadForm(action);
        var response = new AgreedResponse((typed.Rationale ?? "").Trim(), typed.Actions, action.Actor.UserKey, now);
        var state = PartnerDecision.Evaluate(row.Ledger(cards.Rule), now, row.DecisionDueAt);
        var problems = AgreedResponse.Validate(response, state, today);
        if (problems.Any(p => p.Field == FieldError.Form) && row.Outcome != PartnerChoice.NoMeeting)
            return InvokeResponse.Message(string.Join(" ", problems.Select(p => p.Message)));
        if (problems.Count > 0)
            return InvokeResponse.Card(AgreedResponseCard.Form(FormInput(record, row) with
            {
                Rationale = typed.Rationale, Actions = typed.Slots, Errors = FieldError.ByField(problems),
            }).ToJson());

        var next = row with { Response = response, FeedbackAt = now };
        var closed = record with { Stage = nameof(CaseStage.Closed), UpdatedAt = now };
        CaseTransitions.Require(CaseStage.NoMeeting, CaseStage.Closed);
        var role = directory.MainRoleOf(action.Actor.UserKey);
        var tx = cases.Begin(record.CaseId);
        tx.Replace(next.ToEntity(), row.ETag);
        tx.Replace(closed.ToEntity(), record.ETag);
        tx.Add(new CaseLogEntry(now, action.Actor.UserKey, role, null, CaseActions.ResponseAgreed,
            $"{response.Actions.Count} further action(s)").ToEntity(record.CaseId));
        tx.Add(new CaseLogEntry(now, action.Actor.UserKey, role, null, CaseActions.FeedbackSent,
            $"Feedback date {DisplayDate.Iso(now)}").ToEntity(record.CaseId));
        tx.Add(new CaseLogEntry(now, action.Actor.UserKey, role, null, PartnerCaseActions.CaseClosed,
            $"Closed {DisplayDate.Iso(now)}").ToEntity(record.CaseId));
        tx.Send(new OutboundMessage(DeliveryTarget.ToUser(record.ReferrerKey), Replies.Card(Feedback(record, row, response).ToJson())));
        if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
            tx.Send(new OutboundMessage(DeliveryTarget.UpdateOf(DecisionEffects.NoticeKey), Replies.Card(
                DecisionEffects.NoticeCard(record, row.Outcome!.Value, row.Method!.Value, row.DecidedAt!.Value, forCoordinators: true,
                    status: $"Agreed response recorded on {DisplayDate.Of(now)} and fed back to the referrer. Case closed.").ToJson())));
        try
        {
            await tx.CommitAsync(ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            log.LogInformation("Agreed response lost a race with another action on the case");
            return await LoadAsync(action, ct) is { Row.Response: not null } again
                ? Recorded(again.Record, again.Row)
                : InvokeResponse.Message("Someone else acted on this referral at the same moment. Please try again.");
        }
        log.LogInformation("Agreed response recorded with {Count} further actions", response.Actions.Count);
        return Recorded(closed, next);
    }

    private sealed record TypedForm(string? Rationale, IReadOnlyList<FurtherActionInput> Slots, IReadOnlyList<FurtherAction> Actions);

    /// <summary>
    /// Blank action rows at the end are unused slots; a blank row between filled ones is kept so its errors land on
    /// the right row. A date that is not yyyy-MM-dd counts as missing.
    /// </summary>
    private static TypedForm ReadForm(CardAction action)
    {
        var slots = Enumerable.Range(0, AgreedResponseCard.ActionSlots).Select(i => new FurtherActionInput(
            action.GetString(AgreedResponseCard.ActionId(i, "description")),
            action.GetString(AgreedResponseCard.ActionId(i, "owner")),
            DateOnly.TryParseExact(action.GetString(AgreedResponseCard.ActionId(i, "due")), "yyyy-MM-dd", out var due) ? due : null)).ToList();
        var used = slots.FindLastIndex(s => !string.IsNullOrWhiteSpace(s.Description) || !string.IsNullOrWhiteSpace(s.Owner) || s.Due is not null) + 1;
        var actions = slots.Take(used).Select(s => new FurtherAction((s.Description ?? "").Trim(), (s.Owner ?? "").Trim(), s.Due)).ToList();
        return new TypedForm(action.GetString(AgreedResponseCard.RationaleId), slots, actions);
    }

    private AgreedResponseFormInput FormInput(CaseRecord record, PartnersRow row) =>
        new(record.CaseId, record.Reference ?? record.CaseId, PartnerChoiceWords.Display(PartnerChoice.NoMeeting), Today: LondonTime.DayOf(clock.GetUtcNow()));

    private static Cards.AdaptiveCard Feedback(CaseRecord record, PartnersRow row, AgreedResponse response) =>
        NoMeetingFeedbackCard.Build(new NoMeetingFeedbackInput(record.Reference ?? record.CaseId,
            PartnerChoiceWords.Display(row.Outcome!.Value), DecisionMethodWords.Display(row.Method!.Value), DisplayDate.Of(row.DecidedAt!.Value),
            response.Rationale, response.Actions.Select(a => new FeedbackAction(a.Description, a.Owner, DisplayDate.Of(a.Due!.Value))).ToList()));

    private static InvokeResponse Recorded(CaseRecord record, PartnersRow row) =>
        InvokeResponse.Card(AgreedResponseCard.Recorded(record.Reference ?? record.CaseId, DisplayDate.Of(row.FeedbackAt ?? default),
            row.Response!.Actions.Count).ToJson());

    private async Task<InvokeResponse?> RefuseAsync(CardAction action, string caseId, CancellationToken ct)
    {
        var who = action.Actor.UserKey;
        if (directory.HasAny(who, BoardRole.Coordinator, BoardRole.DeputyBoardManager)) return null;
        var tx = cases.Begin(caseId);
        tx.Add(new CaseLogEntry(clock.GetUtcNow(), who, directory.MainRoleOf(who), null, CaseActions.AccessRefused,
            "Agreed response: not a coordinator").ToEntity(caseId));
        await tx.CommitAsync(ct);
        log.LogInformation("Agreed response refused for lack of role");
        return InvokeResponse.Message("Only the board's coordinators (or the deputy board manager) can record the partners' agreed response.");
    }

    private async Task<(CaseRecord Record, PartnersRow Row)?> LoadAsync(CardAction action, CancellationToken ct)
    {
        var caseId = action.GetString("caseId");
        if (caseId is null || await cases.GetAsync(caseId, ct) is not { } record) return null;
        if (await cases.GetRowAsync(caseId, PartnersRow.Row, ct) is not { } entity) return null;
        return (record, PartnersRow.FromEntity(entity));
    }

    private static InvokeResponse NotFound() => InvokeResponse.Message("We could not find this referral's partners' decision.");
}
