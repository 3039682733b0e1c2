using BenchmarkDotNet.Attributes;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Benchmarks.Partners;

/// <summary>
/// Where the statutory partners' decision stands, evaluated on every view given, every card refresh and every
/// reminder sweep. Typical: the usual three agencies, two agreeing. Largest: eight agencies that changed their
/// views five times each and split 4-4, evaluated after the deadline (replay, as-at-deadline and casting checks all run).
/// </summary>
public class PartnerDecisionBenchmarks
{
    private static readonly DateTimeOffset Sent = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecisionDue = new(2026, 3, 24, 23, 59, 59, TimeSpan.Zero);

    private PartnerViews typical = null!;
    private PartnerViews largest = null!;
    private PartnerView nextView = null!;

    [GlobalSetup]
    public void Setup()
    {
        var usual = DecisionRule.Default;
        typical = PartnerViews.Restore(usual,
        [
            AgencyView.First(View(usual.Electorate[0].Id, PartnerChoice.MeetingRequired, hours: 5)),
            AgencyView.First(View(usual.Electorate[1].Id, PartnerChoice.NoMeeting, hours: 30)),
        ], null);
        nextView = View(usual.Electorate[2].Id, PartnerChoice.MeetingRequired, hours: 50);

        var eight = new DecisionRule([.. Enumerable.Range(1, 8).Select(i => new PartnerAgency($"agency-{i}", $"Partner agency {i}"))], EarlyDecision: false);
        // Eight agencies, each having changed its view five times, split 4-4.
        largest = PartnerViews.Start(eight);
        for (var round = 0; round < 5; round++)
            for (var a = 0; a < 8; a++)
                largest = PartnerDecision.GiveView(largest, View(eight.Electorate[a].Id, (a + round) % 2 == 0 ? PartnerChoice.MeetingRequired : PartnerChoice.NoMeeting,
                    hours: 1 + round * 48 + a, rationale: $"Round {round + 1}: " + Rationale), DecisionDue).Ledger;

        if (PartnerDecision.Evaluate(largest, DecisionDue.AddDays(1), DecisionDue).Status != DecisionStatus.AwaitingCastingDecision)
            throw new InvalidOperationException("The largest ledger should be split at the deadline.");
    }

    [Benchmark(Baseline = true)]
    public PartnerDecisionState Evaluate_Typical() => PartnerDecision.Evaluate(typical, Sent.AddDays(3), DecisionDue);

    /// <summary>The third agency's view: decides by early majority.</summary>
    [Benchmark]
    public ViewGiven GiveView_Typical() => PartnerDecision.GiveView(typical, nextView, DecisionDue);

    [Benchmark]
    public PartnerDecisionState Evaluate_Largest_AfterDeadline() => PartnerDecision.Evaluate(largest, DecisionDue.AddDays(1), DecisionDue);

    private const string Rationale =
        "The person continues to refuse care visits and the risk from the condition of the home has not reduced despite three multi-agency meetings.";

    private static PartnerView View(string agencyId, PartnerChoice choice, int hours, string rationale = Rationale) =>
        new(agencyId, $"member-of-{agencyId}", choice, rationale, Sent.AddHours(hours), Guid.NewGuid().ToString());
}
