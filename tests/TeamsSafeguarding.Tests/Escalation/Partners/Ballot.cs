using TeamsSafeguarding.Escalation.Partners;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

/// <summary>Builds ledgers for the tests: day 0 is Thu 2 Apr 2026, the decision is due at the end of WD 10 (Mon 20 Apr, London).</summary>
internal static class Ballot
{
    public static readonly DateTimeOffset Sent = new(2026, 4, 2, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset DecisionDue = new(2026, 4, 20, 23, 59, 59, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset AfterDeadline = DecisionDue.AddHours(1);

    public const string La = "local-authority";
    public const string Police = "police";
    public const string Icb = "nhs-icb";

    public static DecisionRule Agencies(int count, bool early = true, CastingActor castingBy = CastingActor.Chair) =>
        new(Enumerable.Range(1, count).Select(i => new PartnerAgency($"a{i}", $"Agency {i}")).ToList(), early, castingBy);

    public static PartnerView View(string agency, PartnerChoice choice, int day, string? member = null, string? request = null, string rationale = "Reason given") =>
        new(agency, member ?? agency + "-rep", choice, rationale, Sent.AddDays(day), request ?? $"{agency}-{choice}-{day}");

    /// <summary>Gives each view in turn as the card handler would, failing the test if any is refused.</summary>
    public static PartnerViews Give(PartnerViews ledger, params PartnerView[] views)
    {
        foreach (var view in views)
        {
            var given = PartnerDecision.GiveView(ledger, view, DecisionDue);
            Assert.True(given.Accepted, given.Explanation);
            ledger = given.Ledger;
        }
        return ledger;
    }

    public static PartnerViews Give(DecisionRule rule, params PartnerView[] views) => Give(PartnerViews.Start(rule), views);
}
