using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Digest;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Register;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Scheduling;
using TeamsSafeguarding.Storage;

namespace TeamsSafeguarding.Digest;

/// <summary>
/// The coordinators' deadline digest, each working day at the profile's DigestTime (09:00 London by default): one card
/// in their channel listing what is overdue, due today and due soon, referrals waiting for triage too long, meetings not
/// yet booked, actions overdue and reviews due; and a personal reminder to each person who must act (the deputy board
/// manager for triage, whoever gives the casting decision for a decision past its deadline). Nothing when nothing is due.
///
/// Scheduled work (kind "digest", subject "board" in the due index), so a pass costs one range query until the time
/// comes. Posted once a day however many instances run and however often they restart: the due row is leased, and the
/// day's marker row ("digest"/"posted|yyyy-MM-dd") is inserted in the same transaction as the messages, so a second
/// attempt at the same day finds it and sends nothing. The digest reads only the board's register (one partition).
/// </summary>
public sealed class DigestSweep(DueWork work, DueIndex index, RegisterIndex register, Transactions transactions, IOptions<BoardOptions> board,
    ProcessProfile profile, WorkingDayCalendar calendar, TimeProvider clock, ILogger<DigestSweep> log) : BackgroundService
{
    public const string Kind = "digest";
    public const string Subject = "board";
    public const string Partition = "digest";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public enum Outcome { NotDue, Posted, NothingDue, AlreadyPosted }

    public sealed record SweepResult(Outcome Outcome, int Failed = 0);

    public static string MarkerRow(DateOnly day) => $"posted|{day:yyyy-MM-dd}";

    /// <summary>Puts the next digest in the due index (idempotent: the same time is the same row).</summary>
    public Task ScheduleNextAsync(CancellationToken ct) =>
        index.ScheduleAsync(Kind, Subject, DigestSchedule.Next(clock.GetUtcNow(), profile.DigestTime, calendar), ct);

    public async Task<SweepResult> SweepOnceAsync(CancellationToken ct)
    {
        var outcome = Outcome.NotDue;
        var failed = await work.RunAsync(Kind, async (_, token) =>
        {
            var now = clock.GetUtcNow();
            var day = LondonTime.DayOf(now);
            // A visit left over from a day the bot was not running is for today's digest, if today has one yet.
            if (calendar.IsWorkingDay(day) && now >= DigestSchedule.At(day, profile.DigestTime)) outcome = await PostOnceAsync(day, now, token);
            await index.ScheduleAsync(Kind, Subject, DigestSchedule.Next(now, profile.DigestTime, calendar), token);
        }, log, "The deadline digest", ct);
        if (outcome != Outcome.NotDue) log.LogInformation("Deadline digest: {Outcome}", outcome);
        return new SweepResult(outcome, failed);
    }

    private async Task<Outcome> PostOnceAsync(DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var digest = DeadlineDigest.For(await register.ReadAsync(openOnly: true, ct), now, calendar, profile.DueSoonWorkingDays);
        var tx = transactions.Begin(Partition);
        tx.Add(new TableEntity(Partition, MarkerRow(day))
        {
            ["PostedAt"] = now,
            ["Items"] = digest.Sections.Values.Sum(s => s.Count),
        });
        if (!digest.IsEmpty)
        {
            if (!string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId))
                tx.Send(new OutboundMessage(DeliveryTarget.ToChannel(board.Value.CoordinatorsChannelId!), Replies.Card(Card(digest).ToJson())));
            foreach (var message in Reminders(digest)) tx.Send(message);
        }
        try
        {
            await tx.CommitAsync(ct);
            return digest.IsEmpty ? Outcome.NothingDue : Outcome.Posted;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return Outcome.AlreadyPosted; // another instance, or this one before a restart, did today's
        }
    }

    public Cards.AdaptiveCard Card(DeadlineDigest digest) => DigestCard.Build(DisplayDate.Of(digest.Day),
        [.. Enum.GetValues<DigestSection>().Select(s => new DigestSectionView(Title(s), Lines(digest[s])))]);

    /// <summary>Personal reminders to whoever must act: the deputy board managers for triage, the casting decider for decisions past due.</summary>
    private IEnumerable<OutboundMessage> Reminders(DeadlineDigest digest)
    {
        var b = board.Value;
        var triage = Lines(digest[DigestSection.WaitingForTriage]);
        if (triage.Count > 0)
        {
            var card = DigestCard.Reminder("Referrals waiting for triage",
                $"These referrals have waited longer than {profile.TriageDueWorkingDays} working days for triage.", triage).ToJson();
            foreach (var person in b.DeputyBoardManagers.Distinct(StringComparer.OrdinalIgnoreCase))
                yield return new OutboundMessage(DeliveryTarget.ToUser(person), Replies.Card(card.DeepClone().AsObject()));
        }
        var casting = Lines(digest[DigestSection.Overdue].Where(i => i.Kind == DeadlineKind.PartnersDecision).ToList());
        if (casting.Count > 0)
        {
            var deciders = profile.CastingBy == CastingActor.Chair ? b.Chairs : b.DeputyBoardManagers;
            var card = DigestCard.Reminder("Casting decisions awaited",
                "The statutory partners' decision deadline has passed on these referrals without a majority: your casting decision is needed.", casting).ToJson();
            foreach (var person in deciders.Distinct(StringComparer.OrdinalIgnoreCase))
                yield return new OutboundMessage(DeliveryTarget.ToUser(person), Replies.Card(card.DeepClone().AsObject()));
        }
    }

    private static List<DigestLine> Lines(IReadOnlyList<DigestItem> items) =>
        [.. items.Select(i => new DigestLine(i.CaseId, i.Reference, i.Due is { } due ? $"{i.What} {DisplayDate.Of(due)}" : i.What))];

    private string Title(DigestSection section) => section switch
    {
        DigestSection.Overdue => "Overdue",
        DigestSection.DueToday => "Due today",
        DigestSection.DueSoon => "Due soon",
        DigestSection.WaitingForTriage => $"Waiting for triage over {profile.TriageDueWorkingDays} working days",
        DigestSection.MeetingsNotBooked => "Meetings not yet booked",
        DigestSection.ActionsOverdue => "Actions overdue",
        DigestSection.ReviewsDue => "Reviews due",
        _ => section.ToString(),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduled = false;
        await PeriodicSweep.RunAsync(Interval, clock, runAtStart: true, async ct =>
        {
            if (!scheduled) await ScheduleNextAsync(ct); // once per start; a failure is tried again next minute
            scheduled = true;
            await SweepOnceAsync(ct);
        }, log, "The deadline digest", stoppingToken);
    }
}
