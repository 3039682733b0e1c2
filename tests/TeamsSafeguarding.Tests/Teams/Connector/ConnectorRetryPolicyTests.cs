using System.Net.Http.Headers;
using TeamsSafeguarding.Teams.Connector;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

public sealed class ConnectorRetryPolicyTests
{
    private static readonly ConnectorRetryOptions Options = new()
    {
        FirstDelay = TimeSpan.FromSeconds(2),
        MaxDelay = TimeSpan.FromSeconds(30),
    };
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(412, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(413, false)]
    public void Only_throttling_conflicts_and_server_errors_are_retried(int status, bool retryable) =>
        Assert.Equal(retryable, ConnectorRetry.IsRetryable(status));

    [Fact]
    public void A_Retry_After_date_waits_until_that_moment()
    {
        var retryAfter = new RetryConditionHeaderValue(Now.AddSeconds(12));

        Assert.Equal(TimeSpan.FromSeconds(12), ConnectorRetry.DelayBeforeRetry(1, retryAfter, Now, Options, jitter: 0.5));
    }

    [Fact]
    public void A_Retry_After_date_in_the_past_means_retry_now()
    {
        var retryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-5));

        Assert.Equal(TimeSpan.Zero, ConnectorRetry.DelayBeforeRetry(1, retryAfter, Now, Options, jitter: 0.5));
    }

    [Fact]
    public void A_Retry_After_in_seconds_is_used_as_given_up_to_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(3),
            ConnectorRetry.DelayBeforeRetry(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), Now, Options, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30),
            ConnectorRetry.DelayBeforeRetry(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(90)), Now, Options, 0.5));
    }

    [Theory]
    [InlineData(1, 0.5, 2.0)]
    [InlineData(2, 0.5, 4.0)]
    [InlineData(3, 0.5, 8.0)]
    [InlineData(1, 0.0, 1.6)]
    [InlineData(1, 0.999999, 2.4)]
    [InlineData(5, 0.5, 30.0)] // 32 s capped
    public void Without_Retry_After_the_wait_doubles_with_20_percent_jitter_and_a_cap(int attempt, double jitter, double seconds)
    {
        var delay = ConnectorRetry.DelayBeforeRetry(attempt, null, Now, Options, jitter);

        Assert.Equal(seconds, delay.TotalSeconds, precision: 3);
    }
}
