using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

public sealed class ConnectorRetryTests : IAsyncLifetime
{
    private ConnectorHarness _h = null!;

    public async Task InitializeAsync() => _h = await ConnectorHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<ResourceResponse> SendAsync() =>
        _h.Client.SendToConversationAsync(_h.ServiceUrl, "a:1", new Activity { Type = ActivityTypes.Message, Text = "x" }, default);

    [Fact]
    public async Task Throttling_waits_exactly_as_long_as_Retry_After_asks_then_sends_again()
    {
        _h.Connector.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(7), code: "Throttled");

        var sent = await SendAsync();

        Assert.Equal([429, 201], _h.Connector.Calls.Select(c => c.Status));
        Assert.Equal([TimeSpan.FromSeconds(7)], _h.Time.Delays);
        Assert.NotNull(sent.Id);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_waits_only_the_cap()
    {
        _h.Connector.FailNext(1, 429, retryAfter: TimeSpan.FromMinutes(10));

        await SendAsync();

        Assert.Equal([new ConnectorRetryOptions().MaxDelay], _h.Time.Delays);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_jittered_waits_until_one_succeeds()
    {
        _h.Connector.FailNext(2, 503);

        await SendAsync();

        Assert.Equal([503, 503, 201], _h.Connector.Calls.Select(c => c.Status));
        var delays = _h.Time.Delays;
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(4.8));
    }

    [Fact]
    public async Task Precondition_failed_from_concurrent_operations_is_retried()
    {
        _h.Connector.FailNext(1, 412, code: "PreconditionFailed");

        await SendAsync();

        Assert.Equal([412, 201], _h.Connector.Calls.Select(c => c.Status));
    }

    [Fact]
    public async Task Server_errors_that_never_stop_end_in_a_ConnectorException_after_the_attempt_bound()
    {
        _h.Connector.FailNext(100, 500, code: "ServiceError");

        var e = await Assert.ThrowsAsync<ConnectorException>(SendAsync);

        Assert.Equal(500, e.StatusCode);
        Assert.Equal("ServiceError", e.ErrorCode);
        Assert.False(e.IsPermanent);
        Assert.Equal(4, _h.Connector.Calls.Count);
        Assert.Equal(3, _h.Time.Delays.Count);
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
    public async Task Errors_that_retrying_cannot_fix_are_not_retried(int status, string code)
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
    public async Task When_nothing_answers_the_call_is_retried_then_fails_with_status_zero()
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
        Assert.Equal(3, h.Time.Delays.Count);
    }
}
