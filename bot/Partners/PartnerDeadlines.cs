using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// The partners' clocks (domain.md section 2). Before the views deadline (WD 5) and the decision deadline (WD 10):
/// a reminder to the members of each agency without a view and to the coordinators, once each. At the end of
/// WD 10: an undecided case is decided by the majority as it stood at the deadline, or, with none, waits for the
/// chair's (or DBM's) casting decision and they are asked. A case is visited only when its next reminder or deadline
/// falls due (<see cref="PartnersClock"/>, through the due index), so a pass costs what is due, not the number of cases.
/// Each visit is one case command, so a sweep racing a click is applied before or after it, never half; running it
/// twice changes nothing more; a case that cannot be handled is logged and retried later, and the others still get theirs.
/// </summary>
public sealed class PartnerDeadlines(CaseCommands commands, DueWork due, PartnersCards cards, DecisionEffects effects, PartnersClock clocks,
    MemberTeamsIds teamsIds, IOptions<BoardOptions> board, TimeProvider clock, ILogger<PartnerDeadlines> log) : BackgroundService
{
    // A pass reads only what has fallen due, so it can look often: reminders go out within a minute of their time.
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly string[] Reads = [PartnersRow.Row];

    public sealed record SweepResult(int Decided, int AwaitingCasting, int Reminders, int Failed = 0);

    private enum Done { Nothing, Decided, AwaitingCasting }

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        int decided = 0, awaiting = 0, reminders = 0;
        var failed = await due.RunAsync(PartnersClock.Kind, async (caseId, token) =>
        {
            var (done, reminded) = await commands.RunAsync(caseId, CaseActor.System, Reads, Visit, () => (Done.Nothing, 0), token);
            if (done == Done.Decided) decided++;
            if (done == Done.AwaitingCasting) awaiting++;
            reminders += reminded;
        }, log, "The partners' deadline sweep", ct, prepare: teamsIds.LoadAsync);
        BotTelemetry.DeadlineSweep(decided, awaiting, reminders);
        if (decided + awaiting + reminders + failed > 0)
            log.LogInformation("Partner deadline sweep: {Decided} decided, {Awaiting} awaiting casting, {Reminders} reminders, {Failed} failed",
                decided, awaiting, reminders, failed);
        return new SweepResult(decided, awaiting, reminders, failed);
    }

    private (Done, int Reminders) Visit(CaseFile file, CaseWrites writes)
    {
        if (file.Case.Stage != CaseStage.WithPartners || file.Row(PartnersRow.Row) is not { } entity) return (Done.Nothing, 0);
        var row = PartnersRow.FromEntity(entity);
        if (row.IsDecided) return (Done.Nothing, 0);
        var state = PartnerDecision.Evaluate(row.Ledger(cards.Rule), writes.Now, row.DecisionDueAt);
        var (done, reminded, next) = (Done.Nothing, 0, row);
        switch (state.Status)
        {
            case DecisionStatus.Decided when !effects.Apply(writes, file.Case, row.With(state), state).IsRefused:
                // The majority at the deadline (or an early majority the card handler did not get to record).
                (done, next) = (Done.Decided, row.With(state));
                break;
            case DecisionStatus.AwaitingCastingDecision when row.CastingRequestedAt is null:
                (done, next) = (Done.AwaitingCasting, AskForCasting(writes, file.Case, row, state));
                break;
            case DecisionStatus.Undecided:
                (reminded, next) = Remind(writes, file.Case, row);
                break;
        }
        if (clocks.NextDue(next, writes.Now) is { } at) writes.Schedule(PartnersClock.Kind, at);
        return (done, reminded);
    }

    private PartnersRow AskForCasting(CaseWrites writes, Case record, PartnersRow row, PartnerDecisionState state)
    {
        var next = row with { CastingRequestedAt = writes.Now };
        var tally = state.Tally;
        writes.Put(next.ToEntity()).Log(CaseActions.AwaitingCasting,
            $"No majority at the deadline ({tally.MeetingRequired} meeting required, {tally.NoMeeting} no meeting, " +
            $"{tally.WithoutView.Count} without a view); {cards.CastingByWords} asked");
        writes.Send(cards.Update(record, next));

        var request = CastingRequestCard.Build(new CastingRequestInput(record.CaseId, record.ReferenceOrId, cards.CastingByWords,
            DisplayDate.Of(row.DecisionDue), tally.MeetingRequired, tally.NoMeeting, tally.WithoutView.Select(a => a.DisplayName).ToList())).ToJson();
        var deciders = CastingPeople();
        var label = char.ToUpperInvariant(cards.CastingByWords[0]) + cards.CastingByWords[1..];
        foreach (var channel in Channels(board.Value.PartnersChannelId, board.Value.CoordinatorsChannelId))
        {
            var activity = Replies.Card(request);
            Mentions.Add(activity, deciders.Select(teamsIds.Of).OfType<string>(), label, ": a casting decision is needed.");
            writes.Send(new OutboundMessage(DeliveryTarget.ToChannel(channel), activity));
        }
        foreach (var person in deciders)
            writes.Send(new OutboundMessage(DeliveryTarget.ToUser(person), Replies.Card(request)));
        return next;
    }

    /// <summary>Sends each reminder that is due and not yet sent; returns how many, and the row as it now stands.</summary>
    private (int Sent, PartnersRow Row) Remind(CaseWrites writes, Case record, PartnersRow row)
    {
        var due = clocks.Reminders(row).Where(r => r.IsDueAt(writes.Now) && !row.WasReminded(r.Kind)).ToList();
        if (due.Count == 0) return (0, row);
        var awaited = PartnerReminders.AgenciesToRemind(row.Ledger(cards.Rule), writes.Now, row.DecisionDueAt);
        var reference = record.ReferenceOrId;

        var reminded = row with { RemindersSent = [.. row.RemindersSent ?? [], .. due.Select(r => r.Kind)] };
        writes.Put(reminded.ToEntity());
        foreach (var reminder in due)
        {
            var deadline = reminder.Kind == ReminderKind.Views ? "Statutory partners' views" : "Statutory partners' decision";
            var dueWords = DisplayDate.Of(reminder.DueDate);
            var names = awaited.Select(a => a.DisplayName).ToList();
            foreach (var agency in awaited)
            {
                var card = PartnerReminderCard.Build(new PartnerReminderInput(record.CaseId, reference, deadline, dueWords, names, agency.DisplayName)).ToJson();
                foreach (var member in MembersOf(agency.Id))
                    writes.Send(new OutboundMessage(DeliveryTarget.ToUser(member), Replies.Card(card)));
            }
            if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
                writes.Send(new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!),
                    Replies.Card(PartnerReminderCard.Build(new PartnerReminderInput(record.CaseId, reference, deadline, dueWords, names)).ToJson())));
            writes.Log(CaseActions.ReminderSent,
                $"{reminder.Kind} due {reminder.DueDate:yyyy-MM-dd}; agencies reminded: {(names.Count == 0 ? "none" : string.Join(", ", names))}; coordinators");
        }
        return (due.Count, reminded);
    }

    private IReadOnlyList<string> MembersOf(string agencyId) =>
        board.Value.Partners.FirstOrDefault(a => a.Id == agencyId)?.Members.Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private IReadOnlyList<string> CastingPeople() =>
        (cards.Rule.CastingBy == CastingActor.Chair ? board.Value.Chairs : board.Value.DeputyBoardManagers)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static IEnumerable<string> Channels(params string?[] ids) =>
        ids.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.OrdinalIgnoreCase);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, clock, runAtStart: true, SweepOnceAsync, log, "The partners' deadline sweep", stoppingToken);
}
