using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using Xunit;
using static TeamsSafeguarding.Tests.Escalation.Partners.Ballot;

namespace TeamsSafeguarding.Tests.Escalation.Partners;

public class PartnerViewsTests
{
    private static readonly PartnerViews Empty = PartnerViews.Start(DecisionRule.Default);

    [Fact]
    public void The_same_click_delivered_twice_is_recorded_once()
    {
        var view = View(La, PartnerChoice.MeetingRequired, 1);
        var first = PartnerDecision.GiveView(Empty, view, DecisionDue);
        var again = PartnerDecision.GiveView(first.Ledger, view, DecisionDue);

        Assert.Equal(ViewGivenKind.Recorded, first.Kind);
        Assert.Equal(ViewGivenKind.Duplicate, again.Kind);
        Assert.Same(first.Ledger, again.Ledger);
        Assert.Equal(1, again.Ledger.ViewsRecorded);
    }

    [Fact]
    public void A_redelivered_click_after_the_decision_is_still_accepted_as_a_duplicate()
    {
        var deciding = View(Police, PartnerChoice.NoMeeting, 2);
        var ledger = Give(DecisionRule.Default, View(La, PartnerChoice.NoMeeting, 1), deciding);

        var again = PartnerDecision.GiveView(ledger, deciding with { GivenAt = deciding.GivenAt.AddSeconds(30) }, DecisionDue);

        Assert.Equal(ViewGivenKind.Duplicate, again.Kind);
        Assert.Equal(2, again.Ledger.ViewsRecorded);
    }

    [Fact]
    public void A_request_id_reused_for_a_different_view_is_refused()
    {
        var ledger = Give(Empty, View(La, PartnerChoice.MeetingRequired, 1, request: "req-1"));

        var reused = PartnerDecision.GiveView(ledger, View(La, PartnerChoice.NoMeeting, 1, request: "req-1"), DecisionDue);

        Assert.Equal(ViewGivenKind.Refused, reused.Kind);
        Assert.Equal(1, reused.Ledger.ViewsRecorded);
    }

    [Fact]
    public void Saying_the_same_thing_again_with_a_new_click_changes_nothing()
    {
        var ledger = Give(Empty, View(La, PartnerChoice.MeetingRequired, 1, request: "r1", rationale: "Risk is rising"));

        var again = PartnerDecision.GiveView(ledger,
            View(La, PartnerChoice.MeetingRequired, 2, request: "r2", rationale: " Risk is rising "), DecisionDue);

        Assert.Equal(ViewGivenKind.Unchanged, again.Kind);
        Assert.Equal(1, again.Ledger.ViewsRecorded);
    }

    [Fact]
    public void A_changed_view_replaces_the_agencys_view_and_is_counted()
    {
        var ledger = Give(Empty, View(La, PartnerChoice.MeetingRequired, 1));

        var changed = PartnerDecision.GiveView(ledger, View(La, PartnerChoice.NoMeeting, 2, member: "la-deputy"), DecisionDue);

        Assert.Equal(ViewGivenKind.Changed, changed.Kind);
        Assert.Equal(2, changed.Ledger.ByAgency[La].Times);
        Assert.Equal((PartnerChoice.NoMeeting, "la-deputy"), (changed.Ledger.Current[La].Choice, changed.Ledger.Current[La].MemberId));
        Assert.Equal(PartnerChoice.MeetingRequired, ledger.Current[La].Choice); // the earlier ledger is untouched
    }

    [Fact]
    public void After_the_decision_an_agency_that_gave_its_view_cannot_change_it()
    {
        // Decided at 23:30 UTC on 7 April, which is 8 April in London (BST).
        var decidedAt = new DateTimeOffset(2026, 4, 7, 23, 30, 0, TimeSpan.Zero);
        var ledger = Give(DecisionRule.Default,
            View(La, PartnerChoice.MeetingRequired, 1),
            View(Police, PartnerChoice.MeetingRequired, 1) with { GivenAt = decidedAt, RequestId = "p" });

        var change = PartnerDecision.GiveView(ledger, View(La, PartnerChoice.NoMeeting, 7) with { RequestId = "la-2" }, DecisionDue);

        Assert.Equal(ViewGivenKind.Refused, change.Kind);
        Assert.False(change.Accepted);
        Assert.Equal(FieldError.Form, Assert.Single(change.Problems).Field);
        Assert.Equal(
            "The statutory partners' decision has already been made (Meeting required, by early majority, on 8 April 2026), " +
            "and your agency's view was part of it, so it can no longer be changed.",
            change.Explanation);
    }

    [Fact]
    public void A_view_given_after_an_early_majority_by_the_remaining_agency_is_kept_as_late_and_changes_nothing()
    {
        var ledger = Give(DecisionRule.Default, View(La, PartnerChoice.MeetingRequired, 1), View(Police, PartnerChoice.MeetingRequired, 2));
        var before = PartnerDecision.Evaluate(ledger, Sent.AddDays(7), DecisionDue);

        var late = PartnerDecision.GiveView(ledger, View(Icb, PartnerChoice.NoMeeting, 7), DecisionDue);

        Assert.Equal(ViewGivenKind.Late, late.Kind);
        Assert.True(late.Accepted);
        Assert.Equal(PartnerChoice.NoMeeting, late.Ledger.Late[Icb].Choice);
        Assert.False(late.Ledger.Current.ContainsKey(Icb)); // not counted
        var after = PartnerDecision.Evaluate(late.Ledger, Sent.AddDays(8), DecisionDue);
        Assert.Equal((before.Outcome, before.Method, before.DecidedAt), (after.Outcome, after.Method, after.DecidedAt));
        Assert.Equal((2, 0), (after.Tally.MeetingRequired, after.Tally.NoMeeting));
        // Late once: the agency cannot then change it either.
        Assert.Equal(ViewGivenKind.Refused, PartnerDecision.GiveView(late.Ledger, View(Icb, PartnerChoice.MeetingRequired, 9) with { RequestId = "icb-2" }, DecisionDue).Kind);
        // It survives being stored and read back.
        var restored = PartnerViews.Restore(DecisionRule.Default, late.Ledger.ByAgency.Values, null);
        Assert.True(restored.ByAgency[Icb].Late);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_view_needs_a_rationale(string rationale)
    {
        var given = PartnerDecision.GiveView(Empty, View(La, PartnerChoice.NoMeeting, 1, rationale: rationale), DecisionDue);

        Assert.Equal(PartnerViews.RationaleField, Assert.Single(given.Problems).Field);
        Assert.Equal(0, given.Ledger.ViewsRecorded);
    }

    [Fact]
    public void The_rationale_is_bounded_and_trimmed()
    {
        var tooLong = new string('x', PartnerView.MaxRationaleLength + 1);
        var justRight = " " + new string('x', PartnerView.MaxRationaleLength) + " ";

        Assert.False(PartnerDecision.GiveView(Empty, View(La, PartnerChoice.NoMeeting, 1, rationale: tooLong), DecisionDue).Accepted);
        var ok = PartnerDecision.GiveView(Empty, View(La, PartnerChoice.NoMeeting, 1, rationale: justRight), DecisionDue);
        Assert.True(ok.Accepted);
        Assert.Equal(PartnerView.MaxRationaleLength, ok.Ledger.Current[La].Rationale.Length);
    }

    [Fact]
    public void Only_the_boards_statutory_partners_may_give_a_view()
    {
        var given = PartnerDecision.GiveView(Empty, View("housing-association", PartnerChoice.NoMeeting, 1), DecisionDue);

        Assert.Equal(ViewGivenKind.Refused, given.Kind);
        Assert.Contains("not one of this board's statutory partners", given.Explanation);
    }

    [Fact]
    public void Views_may_still_be_given_while_awaiting_the_chair()
    {
        var ledger = Give(DecisionRule.Default, View(La, PartnerChoice.MeetingRequired, 1), View(Police, PartnerChoice.NoMeeting, 1));

        var late = PartnerDecision.GiveView(ledger, View(Icb, PartnerChoice.NoMeeting, 19), DecisionDue);

        Assert.Equal(ViewGivenKind.Recorded, late.Kind);
    }

    [Fact]
    public void However_often_a_view_changes_the_agency_keeps_one_view_and_a_bounded_memory_of_clicks()
    {
        var ledger = Empty;
        for (var i = 0; i < 1000; i++)
            ledger = Give(ledger, View(La, i % 2 == 0 ? PartnerChoice.NoMeeting : PartnerChoice.MeetingRequired, 1, request: $"r{i}"));

        var la = ledger.ByAgency[La];
        Assert.Single(ledger.ByAgency);
        Assert.Equal(1000, la.Times);
        Assert.Equal(AgencyView.RememberedRequests, la.RecentRequests.Count);
        Assert.Equal(ViewGivenKind.Duplicate, PartnerDecision.GiveView(ledger, View(La, PartnerChoice.NoMeeting, 1, request: "r995"), DecisionDue).Kind);
    }
}
