using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Tests.Triage;

namespace TeamsSafeguarding.Tests.Measures;

/// <summary>
/// A year of cases made the way the bot makes them (the case steps and the features' own buttons, on the harness's
/// fake clock), for the measures and the export. Seven referrals in the financial year 2026-27, all at 10:00 London:
///
/// A  Thu 2 Apr 2026, Housing association, person 1: sent on; no meeting by early majority Wed 8 Apr (2 working days,
///    Easter between); agreed response Thu 9 Apr, closed.
/// B  Mon 13 Apr, Adult Social Care, person 2: returned Tue 14 Apr; resubmitted Mon 20 Apr and sent on; meeting required
///    by early majority Wed 22 Apr (2 working days from that receipt); a meeting held Wed 10 Jun; two actions
///    completed, Sat 20 Jun on time and Thu 25 Jun late. Open.
/// C  Fri 1 May, Housing association, person 1 again (a repeat referral): sent on; one view each way; no majority by
///    the deadline (end of Mon 18 May: Early May bank holiday between); the chair casts "meeting required" Tue 19 May
///    (11 working days). Open.
/// D  Wed 3 Jun, Police, person 3: sent on, no views. Open.
/// E  Mon 29 Jun, Adult Social Care, person 4: waiting for triage. Open.
/// F  Mon 6 Jul (Q2), Housing association, person 2 again (repeat of B): returned Tue 7 Jul, not resubmitted. Open.
/// G  Tue 12 Jan 2027 (Q4), GP practice, person 5: sent on; no meeting by early majority Thu 14 Jan; response Fri 15 Jan, closed.
/// </summary>
public sealed class SeededYear(BoardHarness board)
{
    public static readonly byte[] BoardKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);

    public Dictionary<char, string> CaseIds { get; } = [];

    public static DateTimeOffset London(int year, int month, int day, int hour = 10) =>
        new(year, month, day, hour, 0, 0, month is >= 4 and <= 10 ? Bst : TimeSpan.Zero);

    private static Person PersonNo(int n) => new($"Person {(char)('A' + n)} Example", new DateOnly(1950 + n, 1, 1 + n), "Somewhere", "LAS-" + n, null);

    private DateTimeOffset _until = DateTimeOffset.MaxValue;

    public Task SeedAsync() => SeedUntilAsync(DateTimeOffset.MaxValue);

    /// <summary>The year's story up to <paramref name="until"/> (steps after it are left out), the clock left there.</summary>
    public async Task SeedUntilAsync(DateTimeOffset until)
    {
        _until = until;
        await StoryAsync();
        if (until != DateTimeOffset.MaxValue) board.Clock.SetUtcNow(until);
    }

    private async Task StoryAsync()
    {
        await ReceiveAsync('A', London(2026, 4, 2), "Housing association", 1);
        await TriageAsync('A', send: true);
        await ViewAsync('A', "la-1", "NoMeeting", London(2026, 4, 7));
        await ViewAsync('A', "police-1", "NoMeeting", London(2026, 4, 8));
        await RespondAsync('A', London(2026, 4, 9));

        await ReceiveAsync('B', London(2026, 4, 13), "Adult Social Care", 2);
        await TriageAsync('B', send: false, London(2026, 4, 14));
        await ReceiveAsync('B', London(2026, 4, 20), "Adult Social Care", 2);
        await TriageAsync('B', send: true);
        await ViewAsync('B', "la-1", "MeetingRequired", London(2026, 4, 21));
        await ViewAsync('B', "police-1", "MeetingRequired", London(2026, 4, 22));

        await ReceiveAsync('C', London(2026, 5, 1), "Housing association", 1);
        await TriageAsync('C', send: true);
        await ViewAsync('C', "la-1", "MeetingRequired", London(2026, 5, 5));
        await ViewAsync('C', "police-1", "NoMeeting", London(2026, 5, 6));
        if (!Past(London(2026, 5, 19))) await CastAsync('C', London(2026, 5, 19));

        await ReceiveAsync('D', London(2026, 6, 3), "Police", 3);
        await TriageAsync('D', send: true);

        await LogAsync('B', London(2026, 6, 10), CaseActions.MeetingHeld, null);
        await LogAsync('B', London(2026, 6, 20), CaseActions.ActionCompleted, "on time");
        await LogAsync('B', London(2026, 6, 25), CaseActions.ActionCompleted, "late");

        await ReceiveAsync('E', London(2026, 6, 29), "Adult Social Care", 4);

        await ReceiveAsync('F', London(2026, 7, 6), "Housing association", 2);
        await TriageAsync('F', send: false, London(2026, 7, 7));

        await ReceiveAsync('G', London(2027, 1, 12), "GP practice", 5);
        await TriageAsync('G', send: true);
        await ViewAsync('G', "la-1", "NoMeeting", London(2027, 1, 13));
        await ViewAsync('G', "icb-1", "NoMeeting", London(2027, 1, 14));
        await RespondAsync('G', London(2027, 1, 15));
    }

    private bool Past(DateTimeOffset at) => at > _until;

    private async Task CastAsync(char name, DateTimeOffset at)
    {
        board.Clock.SetUtcNow(at);
        await board.ClickAsync(Triage.BoardHarness.Chair, "partners.cast", new JsonObject
            { ["caseId"] = CaseIds[name], ["choice"] = "MeetingRequired", ["castingRationale"] = "Escalating risks" });
    }

    /// <summary>A first submission (a new draft, submitted) or a resubmission, through the case's own steps.</summary>
    private async Task ReceiveAsync(char name, DateTimeOffset at, string agency, int person)
    {
        if (Past(at)) return;
        board.Clock.SetUtcNow(at);
        var commands = board.Commands;
        var actor = new CaseActor(Triage.BoardHarness.Referrer, "Referrer");
        if (!CaseIds.TryGetValue(name, out var caseId))
        {
            caseId = CaseIds[name] = CaseStore.NewCaseId();
            await commands.CreateAsync(caseId, actor, w => w.Apply(Case.StartDraft(caseId, actor.Key, w.Now)), default);
        }
        var reference = $"SAB-{at.Year}-{CaseIds.Count:0000}";
        await commands.RunAsync(caseId, actor, [], (file, writes) => writes.Apply(file.Case.Submit(file.Case.Reference ?? reference, agency, "High",
            board.Profile.Stages, writes.Now).Then(c => c with { RepeatKeys = string.Join(",", RepeatReferralKeys.Of(PersonNo(person), BoardKey)) })),
            () => throw new InvalidOperationException("no case"), default);
        if (await board.Cases.FindCaseIdAsync(reference, default) is null) await board.Cases.ClaimReferenceAsync(reference, caseId, default);
    }

    private async Task TriageAsync(char name, bool send, DateTimeOffset? at = null)
    {
        if (!CaseIds.ContainsKey(name) || at is { } late && Past(late)) return;
        if (at is { } when) board.Clock.SetUtcNow(when);
        var checks = BoardHarness.AllChecks(send ? "Met" : "NotMet", CaseIds[name]);
        if (!send) checks["returnNote"] = "Please add the capacity assessment.";
        await board.ClickAsync(Triage.BoardHarness.Dbm, send ? "triage.send" : "triage.return", checks);
    }

    private async Task ViewAsync(char name, string member, string choice, DateTimeOffset at)
    {
        if (Past(at)) return;
        board.Clock.SetUtcNow(at);
        await board.ClickAsync(member, "partners.view", new JsonObject { ["caseId"] = CaseIds[name], ["choice"] = choice, ["rationale"] = "View of " + member });
    }

    private async Task RespondAsync(char name, DateTimeOffset at)
    {
        if (Past(at)) return;
        board.Clock.SetUtcNow(at);
        await board.ClickAsync(Triage.BoardHarness.Coordinator, PartnersVerbs.RecordResponse,
            new JsonObject { ["caseId"] = CaseIds[name], [AgreedResponseCard.RationaleId] = "An email review is proportionate." });
    }

    /// <summary>What the meeting stage will write (issue 10): its log lines, as the measures read them.</summary>
    private async Task LogAsync(char name, DateTimeOffset at, string action, string? detail)
    {
        if (Past(at)) return;
        board.Clock.SetUtcNow(at);
        await board.Commands.RunAsync(CaseIds[name], new CaseActor(Triage.BoardHarness.Coordinator, "Coordinator"), [],
            (_, writes) => writes.Log(action, detail), () => throw new InvalidOperationException("no case"), default);
    }
}
