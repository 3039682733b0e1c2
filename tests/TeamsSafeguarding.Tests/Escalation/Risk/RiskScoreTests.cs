using Xunit;
using TeamsSafeguarding.Escalation.Risk;

namespace TeamsSafeguarding.Tests.Escalation.Risk;

public class RiskScoreTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 4, 12)]
    [InlineData(5, 5, 25)]
    public void Score_is_likelihood_times_impact(int likelihood, int impact, int expected) =>
        Assert.Equal(expected, new RiskScore(likelihood, impact).Value);

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 6)]
    public void Off_the_scale_is_refused(int likelihood, int impact) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskScore(likelihood, impact));

    [Fact]
    public void Only_fourteen_scores_are_possible() =>
        Assert.Equal([1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25], RiskScore.PossibleValues);
}
