using Microsoft.Extensions.Logging.Abstractions;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Board;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Measures;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Measures;
using TeamsSafeguarding.Register;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>The largest realistic content of each of the board's view cards, for the samples and their renderings.</summary>
public static class BoardView
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    public static AdaptiveCard SampleRegister() => RegisterCard.Build(new RegisterCardInput(
        [.. Enumerable.Range(1, 8).Select(i => new RegisterItem(Id, $"SAB-2026-{i:0000}",
            i % 3 == 0 ? "Re-escalated to the statutory partners" : "With statutory partners",
            i % 4 == 0 ? null : $"Partners' decision due {i + 10} September 2026", i % 4 == 0 ? null : (RagWord)(i % 3)))],
        2, 3, 21, RegisterViews.OpenStages, null, false, "30 September 2026"));

    public static AdaptiveCard SampleSummary() => CaseSummaryCard.Build(new CaseSummaryInput(Id, "SAB-2026-0007", "With statutory partners",
        "Registered social landlord (housing association)", "Extreme", "2 April 2026", "7 April 2026",
        [("Partners' views due", "14 April 2026"), ("Partners' decision due", "21 April 2026")], RagWord.DueSoon, null, true));

    public static AdaptiveCard SampleLog() => CaseLogCard.Build(new CaseLogCardInput(Id, "SAB-2026-0007",
        [.. Enumerable.Range(1, CaseLogCard.PageSize).Select(i => new CaseLogLineView($"{i} Apr 2026 10:{i:00}",
            i % 2 == 0 ? "Partner representative (NHS integrated care board)" : "Deputy board manager",
            i % 2 == 0 ? "Partner view given" : "Triaged",
            i % 2 == 0 ? "NHS integrated care board: MeetingRequired (changed)" : "Not met: Needs identified, Risks identified and unmitigated, Multi-agency work evidenced"))],
        2, 4, 40));

    public static AdaptiveCard SampleDigest() => DigestCard.Build("30 September 2026",
    [
        new("Overdue", [.. Enumerable.Range(1, 4).Select(i => new DigestLine(Id, $"SAB-2026-{i:0000}", "Partners' decision due 28 September 2026"))]),
        new("Due today", [new(Id, "SAB-2026-0011", "Partners' views due 30 September 2026")]),
        new("Due soon", [.. Enumerable.Range(12, 3).Select(i => new DigestLine(Id, $"SAB-2026-{i:0000}", "Partners' views due 1 October 2026"))]),
        new("Waiting for triage over 2 working days", [.. Enumerable.Range(20, 3).Select(i => new DigestLine(Id, $"SAB-2026-{i:0000}", "Triage due 25 September 2026"))]),
        new("Meetings not yet booked", [.. Enumerable.Range(30, 4).Select(i => new DigestLine(Id, $"SAB-2026-{i:0000}", "Meeting to be arranged"))]),
        new("Reviews due", [new(Id, "SAB-2026-0040", "Review due 29 September 2026")]),
    ]);

    public static AdaptiveCard SampleReminder() => DigestCard.Reminder("Referrals waiting for triage",
        "These referrals have waited longer than 2 working days for triage.",
        [.. Enumerable.Range(1, 5).Select(i => new DigestLine(Id, $"SAB-2026-{i:0000}", "Triage due 25 September 2026"))]);

    /// <summary>A busy quarter: eight referring agencies, every kind of decision, the chart drawn by the bot's own code.</summary>
    public static AdaptiveCard SampleMeasures()
    {
        var quarter = new Quarter(2026, 2);
        var measures = new QuarterlyMeasures(quarter,
            [("Adult Social Care", 9), ("Registered social landlord (housing association)", 7), ("Police", 5), ("NHS integrated care board", 4),
             ("GP practice", 3), ("Fire and rescue service", 2), ("Ambulance service", 1), ("Not given", 1)],
            4, [new(PartnerChoice.MeetingRequired, DecisionMethod.EarlyMajority, 8), new(PartnerChoice.MeetingRequired, DecisionMethod.Chair, 2),
                new(PartnerChoice.NoMeeting, DecisionMethod.EarlyMajority, 9), new(PartnerChoice.NoMeeting, DecisionMethod.MajorityAtDeadline, 3)],
            7.5, 19, 10, 6, 14, 11, 3, 27);
        var chart = new MeasuresChart(NullLogger<MeasuresChart>.Instance).DataUri(measures);
        var offered = new List<Quarter>();
        for (var (q, i) = (new Quarter(2026, 3), 0); i < MeasuresFeature.QuartersOffered; q = q.Previous, i++) offered.Add(q);
        return MeasuresCard.Build(new MeasuresCardInput(quarter.Words, quarter.Key, null,
            [.. MeasureFigures.Of(measures, true).Select(g => (g.Heading, g.Figures))], chart, "Bar chart of referrals by referring agency.",
            [.. offered.Select(q => new QuarterChoice(q.Words, q.Key))]));
    }
}
