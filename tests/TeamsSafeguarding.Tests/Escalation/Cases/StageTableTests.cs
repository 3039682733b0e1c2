using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using Xunit;

namespace TeamsSafeguarding.Tests.Escalation.Cases;

public class StageTableTests
{
    private static readonly StageTable Stages = ProcessProfile.Default.Stages;

    // Every row of domain.md's state table, and the review meeting's loop.
    public static TheoryData<CaseStage, CaseStage> Allowed => new()
    {
        { CaseStage.Draft, CaseStage.Received },
        { CaseStage.Received, CaseStage.InTriage },
        { CaseStage.Received, CaseStage.WithPartners },
        { CaseStage.Received, CaseStage.Returned },
        { CaseStage.InTriage, CaseStage.WithPartners },
        { CaseStage.InTriage, CaseStage.Returned },
        { CaseStage.Returned, CaseStage.Received },
        { CaseStage.WithPartners, CaseStage.NoMeeting },
        { CaseStage.WithPartners, CaseStage.MeetingRequired },
        { CaseStage.NoMeeting, CaseStage.Closed },
        { CaseStage.MeetingRequired, CaseStage.Arranging },
        { CaseStage.Arranging, CaseStage.MeetingBooked },
        { CaseStage.MeetingBooked, CaseStage.Arranging },
        { CaseStage.MeetingBooked, CaseStage.MeetingHeld },
        { CaseStage.MeetingHeld, CaseStage.MonitoringActions },
        { CaseStage.MeetingHeld, CaseStage.Arranging },
        { CaseStage.MonitoringActions, CaseStage.ReviewDue },
        { CaseStage.ReviewDue, CaseStage.MonitoringActions },
        { CaseStage.ReviewDue, CaseStage.Closed },
        { CaseStage.ReviewDue, CaseStage.Arranging },
        { CaseStage.ReviewDue, CaseStage.ReEscalated },
        { CaseStage.ReEscalated, CaseStage.WithPartners },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Moves_in_the_table_are_allowed(CaseStage from, CaseStage to)
    {
        Assert.True(Stages.Allows(from, to));
        Assert.Null(Stages.Refusal(from, to));
    }

    [Fact]
    public void Every_other_move_is_refused()
    {
        var allowed = Allowed.Select(row => ((CaseStage)row[0], (CaseStage)row[1])).ToHashSet();
        var stages = Enum.GetValues<CaseStage>();
        var refused = 0;
        foreach (var from in stages)
        foreach (var to in stages)
        {
            if (allowed.Contains((from, to))) continue;
            Assert.False(Stages.Allows(from, to), $"{from} -> {to} should be refused");
            refused++;
        }
        Assert.Equal(stages.Length * stages.Length - allowed.Count, refused);
    }

    [Fact]
    public void Every_stage_can_be_reached_and_every_stage_but_closed_can_be_left()
    {
        foreach (var stage in Enum.GetValues<CaseStage>())
        {
            if (stage != CaseStage.Draft) Assert.Contains(Stages.Moves, m => m.To == stage);
            if (stage != CaseStage.Closed) Assert.NotEmpty(Stages.NextFrom(stage));
        }
        Assert.Empty(Stages.NextFrom(CaseStage.Closed));
    }

    [Theory]
    [InlineData(CaseStage.Draft, CaseStage.WithPartners)]
    [InlineData(CaseStage.Returned, CaseStage.WithPartners)]
    [InlineData(CaseStage.WithPartners, CaseStage.Closed)]
    [InlineData(CaseStage.NoMeeting, CaseStage.Arranging)]
    public void A_refusal_names_the_stages_and_the_way_on(CaseStage from, CaseStage to)
    {
        var reason = Stages.Refusal(from, to);

        Assert.NotNull(reason);
        Assert.Contains(CaseStageWords.Display(from), reason);
        Assert.Contains(CaseStageWords.Display(to), reason);
        foreach (var next in Stages.NextFrom(from)) Assert.Contains(CaseStageWords.Display(next), reason);
    }

    [Fact]
    public void Staying_put_or_leaving_closed_gets_its_own_explanation()
    {
        Assert.Equal("The case is already at \"With statutory partners\".", Stages.Refusal(CaseStage.WithPartners, CaseStage.WithPartners));
        Assert.Contains("\"Closed\", so it cannot move on", Stages.Refusal(CaseStage.Closed, CaseStage.Received));
    }

    [Fact]
    public void The_profile_switches_untriaged_forwarding_off_but_not_triage_itself()
    {
        var strict = (ProcessProfile.Default with { UntriagedForwarding = UntriagedForwarding.Never }).Stages;

        Assert.True(Stages.AllowsUntriagedForwarding);
        Assert.False(strict.AllowsUntriagedForwarding);
        Assert.DoesNotContain(strict.Moves, m => m.Cause.Contains("without triage"));
        Assert.Contains(Stages.Moves, m => m.Cause.Contains("without triage"));
        Assert.True(strict.Allows(CaseStage.InTriage, CaseStage.WithPartners)); // the deputy board manager's triage
    }

    [Fact]
    public void Every_stage_has_its_own_display_words()
    {
        var words = Enum.GetValues<CaseStage>().Select(CaseStageWords.Display).ToList();

        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.Equal("With statutory partners", CaseStageWords.Display(CaseStage.WithPartners));
        Assert.Equal("Returned to referrer", CaseStageWords.Display(CaseStage.Returned));
    }
}
