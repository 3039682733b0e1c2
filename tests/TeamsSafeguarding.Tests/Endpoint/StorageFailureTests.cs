using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// Table Storage failing in ways that pass (503 busy, 429 throttled, 500) and ways that never will (400 bad value, 413
/// too large): the first get a 503 so Teams sends the activity again, the second a 4xx and a log line naming the
/// activity type and the storage code, so the activity is not sent again for ever.
/// </summary>
[Collection("Azurite")]
public sealed class StorageFailureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageLine line = new();
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() => bot = await BotUnderTest.StartBehindAsync(azurite, line, "failing");

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    public static TheoryData<int, string> Transient => new()
    {
        { 503, "ServerBusy" },
        { 429, "TooManyRequests" },
        { 500, "InternalError" },
        { 504, "OperationTimedOut" },
    };

    public static TheoryData<int, string> Permanent => new()
    {
        { 400, "PropertyValueTooLarge" },
        { 413, "RequestBodyTooLarge" },
        { 400, "OutOfRangeInput" },
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task A_storage_failure_that_passes_while_handling_is_a_503_and_the_redelivery_is_answered(int status, string code)
    {
        var help = bot.PersonalMessage("help");
        line.FailUpdates(status, code);

        using var during = await bot.PostAsync(help);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        MessagesEndpointTests.AssertNoInternals(await during.Content.ReadAsStringAsync());
        line.Heal();
        using var redelivered = await bot.PostAsync(help);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        await bot.Connector.WaitForCallAsync(c => c.Operation == ConnectorOperation.SendToConversation, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(Permanent))]
    public async Task A_storage_refusal_that_would_happen_every_time_is_a_4xx_logged_with_the_activity_type(int status, string code)
    {
        line.FailUpdates(status, code);

        using var response = await bot.PostAsync(bot.PersonalMessage("help"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        MessagesEndpointTests.AssertNoInternals(await response.Content.ReadAsStringAsync());
        var logged = Assert.Single(bot.Logs.Entries, e => e.Level == LogLevel.Error && e.Category.StartsWith("TeamsSafeguarding", StringComparison.Ordinal));
        Assert.Contains("message", logged.Message);
        Assert.Contains($"{status} {code}", logged.Message);
    }

    [Fact]
    public async Task A_storage_refusal_while_claiming_the_activity_is_a_4xx_too_not_a_503_for_ever()
    {
        line.FailInserts(400, "InvalidInput");

        using var response = await bot.PostAsync(bot.PersonalMessage("help"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("400 InvalidInput"));
    }

    [Fact]
    public async Task A_card_click_that_storage_refuses_for_good_gets_an_error_answer_not_a_5xx()
    {
        line.FailUpdates(400, "PropertyValueTooLarge");

        using var response = await bot.PostAsync(bot.Click(TeamsSafeguarding.Cards.Onboarding.OnboardingVerbs.ShowHelp));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TeamsSafeguarding.Teams.InvokeResponse.ErrorType, (string?)answer["type"]);
    }

    /// <summary>Passes requests to Azurite, or answers them as a failing Table service would (with x-ms-error-code).</summary>
    private sealed class StorageLine() : DelegatingHandler(new SocketsHttpHandler())
    {
        private volatile Func<HttpRequestMessage, bool>? fails;
        private volatile int status;
        private volatile string code = "";

        /// <summary>Upserts and merges (the conversation reference, the outbox) fail; inserts (the redelivery claim) pass.</summary>
        public void FailUpdates(int status, string code) => Fail(r => r.Method == HttpMethod.Put || r.Method == HttpMethod.Patch || r.Method.Method == "MERGE", status, code);

        /// <summary>Inserts fail (the redelivery claim is the first write for every activity).</summary>
        public void FailInserts(int status, string code) => Fail(r => r.Method == HttpMethod.Post && !r.RequestUri!.AbsolutePath.EndsWith("/Tables", StringComparison.Ordinal), status, code);

        public void Heal() => fails = null;

        private void Fail(Func<HttpRequestMessage, bool> which, int status, string code)
        {
            this.status = status;
            this.code = code;
            fails = which;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (fails?.Invoke(request) != true) return base.SendAsync(request, ct);
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                RequestMessage = request,
                Content = new StringContent(new JsonObject
                {
                    ["odata.error"] = new JsonObject { ["code"] = code, ["message"] = new JsonObject { ["lang"] = "en-US", ["value"] = "test: refused" } },
                }.ToJsonString(),
                    System.Text.Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("x-ms-error-code", code);
            return Task.FromResult(response);
        }
    }
}
