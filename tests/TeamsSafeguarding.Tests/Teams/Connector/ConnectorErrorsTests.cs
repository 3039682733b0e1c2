using TeamsSafeguarding.Teams.Connector;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

public sealed class ConnectorErrorsTests
{
    [Theory]
    [InlineData("""{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""", "ConversationBlockedByUser")]
    [InlineData("""{"error":{"code":"BadArgument","message":"x","innerHttpError":{"statusCode":400,"body":{}}}}""", "BadArgument")]
    [InlineData("""{"errorCode":209,"message":"x","subCode":"MessageWritesBlocked"}""", "MessageWritesBlocked")]
    [InlineData("""{"errorCode":209,"message":"x"}""", "209")]
    [InlineData("""{"message":"no code here"}""", null)]
    [InlineData("<html>Bad gateway</html>", null)]
    [InlineData("[1,2]", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_Teams_error_code_is_read_from_the_known_body_shapes(string? body, string? code) =>
        Assert.Equal(code, ConnectorErrors.CodeFrom(body));

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date_and_never_negative()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(3), ConnectorErrors.RetryAfterOf(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), now));
        Assert.Equal(TimeSpan.FromSeconds(12), ConnectorErrors.RetryAfterOf(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(12)), now));
        Assert.Equal(TimeSpan.Zero, ConnectorErrors.RetryAfterOf(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(-5)), now));
        Assert.Null(ConnectorErrors.RetryAfterOf(null, now));
    }
}
