using System.Net;
using System.Text;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

// The fake is shared by other areas' integration tests, so its own promises are checked here with a plain HttpClient.
public sealed class FakeConnectorTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _connector.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string conversationId, string json) =>
        _http.PostAsync($"{_connector.ServiceUrl}v3/conversations/{Uri.EscapeDataString(conversationId)}/activities",
            new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Waiting_for_a_call_returns_it_when_it_arrives_later()
    {
        var waiting = _connector.WaitForCallAsync(c => c.ConversationId == "a:2", TimeSpan.FromSeconds(10));
        await PostAsync("a:1", """{"type":"message","text":"first"}""");
        Assert.False(waiting.IsCompleted);

        await PostAsync("a:2", """{"type":"message","text":"second"}""");

        var call = await waiting;
        Assert.Equal("second", call.Activity!.Text);
        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task Waiting_in_vain_times_out_naming_the_calls_seen()
    {
        await PostAsync("a:1", """{"type":"message"}""");

        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            _connector.WaitForCallAsync(c => c.ConversationId == "a:other", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("POST /v3/conversations/a:1/activities -> 201", e.Message);
    }

    [Fact]
    public async Task Failures_apply_to_the_next_calls_only_with_Retry_After_and_a_Teams_error_body()
    {
        _connector.FailNext(2, 429, TimeSpan.FromSeconds(3), "Throttled");

        var first = await PostAsync("a:1", "{}");
        var second = await PostAsync("a:1", "{}");
        var third = await PostAsync("a:1", "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
        Assert.Contains("\"code\":\"Throttled\"", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
    }

    [Fact]
    public async Task Each_post_gets_a_new_epoch_millisecond_like_id()
    {
        var a = await (await PostAsync("a:1", "{}")).Content.ReadAsStringAsync();
        var b = await (await PostAsync("a:1", "{}")).Content.ReadAsStringAsync();

        Assert.Matches("""^\{"id":"[0-9]{13}"\}$""", a);
        Assert.NotEqual(a, b);
    }
}
