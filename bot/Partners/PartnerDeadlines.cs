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
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Operations.Telemetry;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// The partners' clocks (domain.md section 2). Before the views deadline (WD 5) and the decision deadline (WD 10):
/// a reminder to the members of each agency without a view and to the coordinators, once each. At the end of
/// WD 10: an undecided case is decided by the majority as it stood at the deadline, or, with none, waits for the
/// chair's (or DBM's) casting decision and they are asked. Each change is one case transaction with its ETags, so
/// a sweep racing a click loses cleanly and looks again next time; running it twice changes nothing more.
/// </summary>
public sealed class PartnerDeadlines(CaseStore cases, PartnersCards cards, DecisionEffects effects, MemberTeamsIds teamsIds,
    IOptions<BoardOptions> board, WorkingDayCalendar calendar, TimeProvider clock, ILogger<PartnerDeadlines> log)
    : BackgroundService
{
    public const string SystemActor = "bot";
    public const string SystemRole = "System";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public sealed record SweepResult(int Decided, int AwaitingCasting, int Reminders);

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        await teamsIds.LoadAsync(ct);
        int decided = 0, awaiting = 0, reminders = 0;
        foreach (var record in await cases.ListByStageAsync([nameof(CaseStage.WithPartners)], ct))
        {
            try
            {
                if (await cases.GetRowAsync(record.CaseId, PartnersRow.Row, ct) is not { } entity) continue;
                var row = PartnersRow.FromEntity(entity);
                if (row.IsDecided) continue;
                var now = clock.GetUtcNow();
                var state = PartnerDecision.Evaluate(row.Ledger(cards.Rule), now, row.DecisionDueAt);
                switch (state.Status)
                {
                    case DecisionStatus.Decided:
                        await DecideAsync(record, row, state, now, ct);
                        decided++;
                        break;
                    case DecisionStatus.AwaitingCastingDecision when row.CastingRequestedAt is null:
                        await AskForCastingAsync(record, row, state, now, ct);
                        awaiting++;
                        break;
                    case DecisionStatus.Undecided:
                        reminders += await RemindAsync(record, row, now, ct);
                        break;
                }
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Someone acted on the case meanwhile: the next sweep looks again.
            }
        }
        BotTelemetry.DeadlineSweep(decided, awaiting, reminders);
        if (decided + awaiting + reminders > 0)
            log.LogInformation("Partner deadline sweep: {Decided} decided, {Awaiting} awaiting casting, {Reminders} reminders", decided, awaiting, reminders);
        return new SweepResult(decided, awaiting, reminders);
    }

    /// <summary>Majority at the deadline (also every decision when early decision is off).</summary>
    private async Task DecideAsync(CaseRecord record, PartnersRow row, PartnerDecisionState state, DateTimeOffset now, CancellationToken ct)
    {
        var next = row with { Outcome = state.Outcome, Method = state.Method, DecidedAt = state.DecidedAt };
        var tx = cases.Begin(record.CaseId);
        tx.Replace(next.ToEntity(), row.ETag);
        effects.Apply(tx, record, next, state, now, SystemActor, SystemRole, null);
        await tx.CommitAsync(ct);
    }

    private async Task AskForCastingAsync(CaseRecord record, PartnersRow row, PartnerDecisionState state, DateTimeOffset now, CancellationToken ct)
    {
        var next = row with { CastingRequestedAt = now };
        var tally = state.Tally;
        var tx = cases.Begin(record.CaseId);
        tx.Replace(next.ToEntity(), row.ETag);
        tx.Add(new CaseLogEntry(now, SystemActor, SystemRole, null, PartnerCaseActions.AwaitingCasting,
            $"No majority at the deadline ({tally.MeetingRequired} meeting required, {tally.NoMeeting} no meeting, " +
            $"{tally.WithoutView.Count} without a view); {cards.CastingByWords} asked").ToEntity(record.CaseId));
        tx.Send(cards.Update(record, next));

        var request = CastingRequestCard.Build(new CastingRequestInput(record.CaseId, record.Reference ?? record.CaseId, cards.CastingByWords,
            DisplayDate.Of(row.DecisionDue), tally.MeetingRequired, tally.NoMeeting, tally.WithoutView.Select(a => a.DisplayName).ToList())).ToJson();
        var deciders = CastingPeople();
        foreach (var channel in Channels(board.Value.PartnersChannelId, board.Value.CoordinatorsChannelId))
        {
            var activity = Replies.Card(request);
            Mention(activity, deciders, cards.CastingByWords);
            tx.Send(new OutboundMessage(DeliveryTarget.ToChannel(channel), activity));
        }
        foreach (var person in deciders)
            tx.Send(new OutboundMessage(DeliveryTarget.ToUser(person), Replies.Card(request)));
        await tx.CommitAsync(ct);
    }

    /// <summary>Sends each reminder that is due and not yet sent; returns how many reminders were recorded.</summary>
    private async Task<int> RemindAsync(CaseRecord record, PartnersRow row, DateTimeOffset now, CancellationToken ct)
    {
        var due = ReminderSchedule.For(row.ViewsDue, row.DecisionDue, calendar, board.Value.PartnerReminderWorkingDaysBefore)
            .Where(r => r.IsDueAt(now) && !row.WasReminded(r.Kind)).ToList();
        if (due.Count == 0) return 0;
        var ledger = row.Ledger(cards.Rule);
        var awaited = PartnerReminders.AgenciesToRemind(ledger, now, row.DecisionDueAt);
        var reference = record.Reference ?? record.CaseId;

        var tx = cases.Begin(record.CaseId);
        tx.Replace((row with { RemindersSent = [.. row.RemindersSent ?? [], .. due.Select(r => r.Kind)] }).ToEntity(), row.ETag);
        foreach (var reminder in due)
        {
            var deadline = reminder.Kind == ReminderKind.Views ? "Statutory partners' views" : "Statutory partners' decision";
            var dueWords = DisplayDate.Of(reminder.DueDate);
            var names = awaited.Select(a => a.DisplayName).ToList();
            foreach (var agency in awaited)
            {
                var card = PartnerReminderCard.Build(new PartnerReminderInput(record.CaseId, reference, deadline, dueWords, names, agency.DisplayName)).ToJson();
                foreach (var member in MembersOf(agency.Id))
                    tx.Send(new OutboundMessage(DeliveryTarget.ToUser(member), Replies.Card(card)));
            }
            if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
                tx.Send(new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!),
                    Replies.Card(PartnerReminderCard.Build(new PartnerReminderInput(record.CaseId, reference, deadline, dueWords, names)).ToJson())));
            tx.Add(new CaseLogEntry(now, SystemActor, SystemRole, null, CaseActions.ReminderSent,
                $"{reminder.Kind} due {reminder.DueDate:yyyy-MM-dd}; agencies reminded: {(names.Count == 0 ? "none" : string.Join(", ", names))}; coordinators")
                .ToEntity(record.CaseId));
        }
        await tx.CommitAsync(ct);
        return due.Count;
    }

    private IReadOnlyList<string> MembersOf(string agencyId) =>
        board.Value.Partners.FirstOrDefault(a => a.Id == agencyId)?.Members.Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private IReadOnlyList<string> CastingPeople() =>
        (cards.Rule.CastingBy == CastingActor.Chair ? board.Value.Chairs : board.Value.DeputyBoardManagers)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static IEnumerable<string> Channels(params string?[] ids) =>
        ids.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// "@Chair, please decide": a Teams mention needs the person's Teams id (teams-bot-protocol.md 2.4), so people whose
    /// id is not known yet are not mentioned; they still get the request in their personal chat.
    /// </summary>
    private void Mention(Teams.Activity activity, IReadOnlyList<string> people, string roleWords)
    {
        var mentions = people.Select(teamsIds.Of).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (mentions.Count == 0) return;
        var label = char.ToUpperInvariant(roleWords[0]) + roleWords[1..];
        var tags = mentions.Select((_, i) => mentions.Count == 1 ? $"<at>{label}</at>" : $"<at>{label} {i + 1}</at>").ToList();
        activity.Text = $"{string.Join(" ", tags)}: a casting decision is needed.";
        activity.Entities = mentions.Select((id, i) => new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "mention",
            ["text"] = tags[i],
            ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = id, ["name"] = tags[i][4..^5] },
        }).ToList();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, clock, runAtStart: true, SweepOnceAsync, log, "The partners' deadline sweep", stoppingToken);
}
