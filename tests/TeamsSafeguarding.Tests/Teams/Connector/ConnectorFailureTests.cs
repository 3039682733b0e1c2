using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

/// <summary>Each Connector call is one attempt: failures are thrown with what the caller needs to decide what next.</summary>
public sealed class ConnectorFailureTests : IAsyncLifetime
{
    private ConnectorHarness _h = null!;

    public async Task InitializeAsync() => _h = await ConnectorHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<ResourceResponse> SendAsync() =>
        _h.Client.SendToConversationAsync(_h.ServiceUrl, "a:1", new Activity { Type = ActivityTypes.Message, Text = "x" }, default);

    [Theory]
    [InlineData(429, "Throttled")]
    [InlineData(412, "PreconditionFailed")]
    [InlineData(500, "ServiceError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task A_failure_worth_retrying_is_thrown_at_once_for_the_caller_to_retry(int status, string code)
    {
        _h.Connector.FailNext(1, status, retryAfter: TimeSpan.FromSeconds(7), code: code);

        var e = await Assert.ThrowsAsync<ConnectorException>(SendAsync);

        Assert.Equal((status, code), (e.StatusCode, e.ErrorCode));
        Assert.False(e.IsPermanent);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Single(_h.Connector.Calls);
        Assert.Empty(_h.Time.Delays);
    }

    [Fact]
    public async Task A_blocked_conversation_fails_at_once_as_permanent_with_the_Teams_error_code()
    {
        _h.Connector.FailNext(1, 403, code: "ConversationBlockedByUser");

        var e = await Assert.ThrowsAsync<ConnectorException>(SendAsync);

        Assert.Equal(403, e.StatusCode);
        Assert.Equal("ConversationBlockedByUser", e.ErrorCode);
        Assert.True(e.IsPermanent);
        Assert.Single(_h.Connector.Calls);
        Assert.Empty(_h.Time.Delays);
    }

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(401, "BotNotRegistered")]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(501, "DeleteActivityAPINotImplemented")]
    public async Task Errors_that_retrying_cannot_fix_are_permanent(int status, string code)
    {
        _h.Connector.FailNext(1, status, code: code);

        var e = await Assert.ThrowsAsync<ConnectorException>(SendAsync);

        Assert.Equal((status, code), (e.StatusCode, e.ErrorCode));
        Assert.True(e.IsPermanent);
        Assert.Single(_h.Connector.Calls);
    }

    [Fact]
    public async Task Neither_logs_nor_the_exception_contain_what_was_sent_or_the_error_text()
    {
        _h.Connector.FailNext(100, 500, code: "ServiceError");
        var activity = new Activity { Type = ActivityTypes.Message, Text = "Ada Lovelace, 12 Secret Road" };

        var e = await Assert.ThrowsAsync<ConnectorException>(() =>
            _h.Client.SendToConversationAsync(_h.ServiceUrl, "a:1", activity, default));

        Assert.NotEmpty(_h.Logs.Lines);
        Assert.Contains(_h.Logs.Lines, l => l.Contains("ServiceError")); // the code is logged...
        foreach (var text in _h.Logs.Lines.Append(e.ToString()))
        {
            Assert.DoesNotContain("Lovelace", text);
            Assert.DoesNotContain("Fake Connector", text); // ...the error message from the body is not
        }
    }
}

public sealed class ConnectorUnreachableTests
{
    [Fact]
    public async Task When_nothing_answers_the_call_fails_with_status_zero()
    {
        await using var h = await ConnectorHarness.StartAsync();
        var gone = await FakeConnector.StartAsync();
        var deadServiceUrl = gone.ServiceUrl;
        await gone.DisposeAsync();

        var e = await Assert.ThrowsAsync<ConnectorException>(() =>
            h.Client.SendToConversationAsync(deadServiceUrl, "a:1", new Activity { Type = ActivityTypes.Message }, default));

        Assert.Equal(0, e.StatusCode);
        Assert.False(e.IsPermanent);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Empty(h.Time.Delays);
    }
}
