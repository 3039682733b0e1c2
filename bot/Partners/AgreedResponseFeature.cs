using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
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
public sealed class AgreedResponseFeature(CaseCommands commands, BoardDirectory directory, PartnersCards cards, IOptions<BoardOptions> board,
    ProcessProfile profile, ILogger<AgreedResponseFeature> log) : IBotFeature
{
    public const string NotFound = "We could not find this referral's partners' decision.";
    public const string Refused = "Only the board's coordinators (or the deputy board manager) can record the partners' agreed response.";
    private static readonly string[] Reads = [PartnersRow.Row];

    public void Map(BotRoutes routes)
    {
        routes.Verb(PartnersVerbs.OpenResponse, OpenAsync);
        routes.Verb(PartnersVerbs.RecordResponse, RecordAsync);
    }

    private Task<InvokeResponse> OpenAsync(CardAction action, CancellationToken ct) => Command(action, (record, row, writes) =>
    {
        if (row.Response is not null) return Recorded(record, row);
        if (row.Outcome != PartnerChoice.NoMeeting)
            return InvokeResponse.Message("An agreed response is recorded only once the partners have decided that no meeting is required.");
        return InvokeResponse.Card(AgreedResponseCard.Form(FormInput(record, writes.Now)).ToJson());
    }, ct);

    private Task<InvokeResponse> RecordAsync(CardAction action, CancellationToken ct)
    {
        var typed = ReadForm(action);
        return Command(action, (record, row, writes) =>
        {
            if (row.Response is not null) return Recorded(record, row); // a repeated click, or someone else was first

            var now = writes.Now;
            var today = LondonTime.DayOf(now);
            var response = new AgreedResponse((typed.Rationale ?? "").Trim(), typed.Actions, writes.Actor.Key, now);
            var state = PartnerDecision.Evaluate(row.Ledger(cards.Rule), now, row.DecisionDueAt);
            var problems = AgreedResponse.Validate(response, state, today);
            if (problems.Any(p => p.Field == FieldError.Form) && row.Outcome != PartnerChoice.NoMeeting)
                return InvokeResponse.Message(string.Join(" ", problems.Select(p => p.Message)));
            if (problems.Count > 0)
                return InvokeResponse.Card(AgreedResponseCard.Form(FormInput(record, now) with
                {
                    Rationale = typed.Rationale, Actions = typed.Slots, Errors = FieldError.ByField(problems),
                }).ToJson());

            var closing = record.AgreedResponseRecorded(response.Actions.Count, profile.Stages, now, today);
            if (closing.IsRefused) return InvokeResponse.Message(closing.Refusal!);
            var next = row with { Response = response, FeedbackAt = now };
            writes.Apply(closing).Put(next.ToEntity());
            writes.Send(new OutboundMessage(DeliveryTarget.ToUser(record.ReferrerKey), Replies.Card(Feedback(record, row, response).ToJson())));
            if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
                writes.Send(new OutboundMessage(DeliveryTarget.UpdateOf(DecisionEffects.NoticeKey), Replies.Card(
                    DecisionEffects.NoticeCard(record, row.Outcome!.Value, row.Method!.Value, row.DecidedAt!.Value, forCoordinators: true,
                        status: $"Agreed response recorded on {DisplayDate.Of(now)} and fed back to the referrer. Case closed.").ToJson())));
            log.LogInformation("Agreed response recorded with {Count} further actions", response.Actions.Count);
            return Recorded(closing.After, next);
        }, ct);
    }

    /// <summary>A case command on a decided case's partners row, for coordinators and the DBM (others' refusals are logged).</summary>
    private Task<InvokeResponse> Command(CardAction action, Func<Case, PartnersRow, CaseWrites, InvokeResponse> decide, CancellationToken ct) =>
        commands.RunAsync(action.GetString("caseId"), directory.ActorFor(action.Actor.UserKey), Reads, (file, writes) =>
        {
            if (!directory.HasAny(writes.Actor.Key, BoardRole.Coordinator, BoardRole.DeputyBoardManager))
                return writes.Refuse("Agreed response: not a coordinator", InvokeResponse.Message(Refused));
            return file.Row(PartnersRow.Row) is { } row ? decide(file.Case, PartnersRow.FromEntity(row), writes) : InvokeResponse.Message(NotFound);
        }, () => InvokeResponse.Message(NotFound), ct);

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

    private static AgreedResponseFormInput FormInput(Case record, DateTimeOffset now) =>
        new(record.CaseId, record.ReferenceOrId, PartnerChoiceWords.Display(PartnerChoice.NoMeeting), Today: LondonTime.DayOf(now));

    private static Cards.AdaptiveCard Feedback(Case record, PartnersRow row, AgreedResponse response) =>
        NoMeetingFeedbackCard.Build(new NoMeetingFeedbackInput(record.ReferenceOrId,
            PartnerChoiceWords.Display(row.Outcome!.Value), DecisionMethodWords.Display(row.Method!.Value), DisplayDate.Of(row.DecidedAt!.Value),
            response.Rationale, response.Actions.Select(a => new FeedbackAction(a.Description, a.Owner, DisplayDate.Of(a.Due!.Value))).ToList()));

    private static InvokeResponse Recorded(Case record, PartnersRow row) =>
        InvokeResponse.Card(AgreedResponseCard.Recorded(record.ReferenceOrId, DisplayDate.Of(row.FeedbackAt ?? default),
            row.Response!.Actions.Count).ToJson());
}
