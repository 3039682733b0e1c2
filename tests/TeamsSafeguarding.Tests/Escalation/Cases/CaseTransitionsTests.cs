using Xunit;
using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Tests.Escalation.Cases;

public class CaseTransitionsTests
{
    // Every row of domain.md's state table.
    public static TheoryData<CaseStage, CaseStage> Allowed => new()
    {
        { CaseStage.Draft, CaseStage.Received },
        { CaseStage.Received, CaseStage.InTriage },
        { CaseStage.Received, CaseStage.WithPartners },
        { CaseStage.InTriage, CaseStage.WithPartners },
        { CaseStage.InTriage, CaseStage.Returned },
        { CaseStage.Returned, CaseStage.Received },
        { CaseStage.WithPartners, CaseStage.NoMeeting },
        { CaseStage.WithPartners, CaseStage.MeetingRequired },
        { CaseStage.NoMeeting, CaseStage.Closed },
        { CaseStage.MeetingRequired, CaseStage.Arranging },
        { CaseStage.Arranging, CaseStage.Held },
        { CaseStage.Held, CaseStage.FeedbackSent },
        { CaseStage.FeedbackSent, CaseStage.Arranging },
        { CaseStage.FeedbackSent, CaseStage.Closed },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Moves_in_the_state_table_are_allowed(CaseStage from, CaseStage to)
    {
        Assert.True(CaseTransitions.Allows(from, to));
        Assert.True(CaseTransitions.Check(from, to).Allowed);
        Assert.Equal(to, CaseTransitions.Require(from, to).To);
    }

    [Fact]
    public void Every_other_move_is_refused()
    {
        var allowed = Allowed.Select(row => ((CaseStage)row[0], (CaseStage)row[1])).ToHashSet();
        var refused = 0;
        foreach (var from in Enum.GetValues<CaseStage>())
        foreach (var to in Enum.GetValues<CaseStage>())
        {
            if (allowed.Contains((from, to))) continue;
            Assert.False(CaseTransitions.Allows(from, to), $"{from} -> {to} should be refused");
            refused++;
        }
        Assert.Equal(11 * 11 - allowed.Count, refused);
    }

    [Theory]
    [InlineData(CaseStage.Draft, CaseStage.WithPartners)]
    [InlineData(CaseStage.Returned, CaseStage.WithPartners)]
    [InlineData(CaseStage.WithPartners, CaseStage.Closed)]
    [InlineData(CaseStage.NoMeeting, CaseStage.Arranging)]
    public void Refusal_names_the_stages_and_the_way_on(CaseStage from, CaseStage to)
    {
        var check = CaseTransitions.Check(from, to);

        Assert.False(check.Allowed);
        Assert.Contains(CaseStageWords.Display(from), check.Reason);
        Assert.Contains(CaseStageWords.Display(to), check.Reason);
        foreach (var next in CaseTransitions.NextFrom(from))
            Assert.Contains(CaseStageWords.Display(next), check.Reason);
    }

    [Fact]
    public void Require_throws_with_the_reason()
    {
        var ex = Assert.Throws<CaseTransitionRefusedException>(
            () => CaseTransitions.Require(CaseStage.WithPartners, CaseStage.Closed));

        Assert.Equal(CaseStage.WithPartners, ex.From);
        Assert.Equal(CaseStage.Closed, ex.To);
        Assert.Equal(CaseTransitions.Check(CaseStage.WithPartners, CaseStage.Closed).Reason, ex.Message);
    }

    [Fact]
    public void Staying_put_or_leaving_closed_gets_its_own_explanation()
    {
        Assert.Equal("The case is already at \"With statutory partners\".",
            CaseTransitions.Check(CaseStage.WithPartners, CaseStage.WithPartners).Reason);
        Assert.Contains("\"Closed\", so it cannot move on", CaseTransitions.Check(CaseStage.Closed, CaseStage.Received).Reason);
    }

    [Fact]
    public void Every_stage_has_display_words()
    {
        var words = Enum.GetValues<CaseStage>().Select(CaseStageWords.Display).ToList();

        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.Equal("With statutory partners", CaseStageWords.Display(CaseStage.WithPartners));
        Assert.Equal("Returned to referrer", CaseStageWords.Display(CaseStage.Returned));
    }
}
