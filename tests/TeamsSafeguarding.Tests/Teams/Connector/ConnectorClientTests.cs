using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Connector;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Teams.Connector;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string Channel = "19:abc@thread.tacv2";
    private const string Thread = "19:abc@thread.tacv2;messageid=1";
    private ConnectorHarness _h = null!;

    public async Task InitializeAsync() => _h = await ConnectorHarness.StartAsync(tokens: new FixedToken("secret-token"));
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task Send_posts_the_activity_as_json_to_the_conversation_and_returns_the_new_message_id()
    {
        var sent = await _h.Client.SendToConversationAsync(_h.ServiceUrl, Thread, Message("Case opened"), default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.Equal(ConnectorOperation.SendToConversation, call.Operation);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/v3/conversations/{Thread}/activities", call.Path);
        Assert.Equal(Thread, call.ConversationId);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("Bearer secret-token", call.Authorization);
        Assert.Equal("message", call.Body!["type"]!.GetValue<string>());
        Assert.Equal("Case opened", call.Body!["text"]!.GetValue<string>());
        Assert.Null(call.Body!["replyToId"]); // nulls are left out, not sent as null
        Assert.Equal(201, call.Status);
        Assert.NotNull(sent.Id);
        Assert.Matches("^[0-9]{13}$", sent.Id);
    }

    [Fact]
    public async Task Reply_posts_under_the_activity_and_sets_replyToId_without_changing_the_callers_activity()
    {
        var activity = Message("Thanks");

        var sent = await _h.Client.ReplyToActivityAsync(_h.ServiceUrl, "a:personal-1", "c438f28d-3b3d", activity, default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.Equal(ConnectorOperation.ReplyToActivity, call.Operation);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations/a:personal-1/activities/c438f28d-3b3d", call.Path);
        Assert.Equal("c438f28d-3b3d", call.ActivityId);
        Assert.Equal("c438f28d-3b3d", call.Activity!.ReplyToId);
        Assert.Equal("Thanks", call.Activity.Text);
        Assert.Null(activity.ReplyToId);
        Assert.Matches("^[0-9]{13}$", sent.Id);
    }

    [Fact]
    public async Task Update_puts_the_full_replacement_activity_with_the_id_of_the_message_it_replaces()
    {
        var card = new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" } }],
        };

        var updated = await _h.Client.UpdateActivityAsync(_h.ServiceUrl, Thread, "1795421919082", card, default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.Equal(ConnectorOperation.UpdateActivity, call.Operation);
        Assert.Equal("PUT", call.Method);
        Assert.Equal($"/v3/conversations/{Thread}/activities/1795421919082", call.Path);
        Assert.Equal("1795421919082", call.Activity!.Id);
        Assert.Equal(ContentTypes.AdaptiveCard, call.Activity.Attachments![0].ContentType);
        Assert.Equal("AdaptiveCard", call.Body!["attachments"]![0]!["content"]!["type"]!.GetValue<string>());
        Assert.Equal("1795421919082", updated.Id);
    }

    [Fact]
    public async Task Delete_sends_a_delete_with_no_body()
    {
        await _h.Client.DeleteActivityAsync(_h.ServiceUrl, Thread, "1795421920129", default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.Equal(ConnectorOperation.DeleteActivity, call.Operation);
        Assert.Equal("DELETE", call.Method);
        Assert.Equal($"/v3/conversations/{Thread}/activities/1795421920129", call.Path);
        Assert.Null(call.Body);
        Assert.Equal("Bearer secret-token", call.Authorization);
    }

    [Fact]
    public async Task Create_conversation_in_a_channel_starts_a_thread_and_returns_its_id_and_root_message()
    {
        var created = await _h.Client.CreateConversationAsync(_h.ServiceUrl,
            ConversationParameters.NewChannelThread(Channel, Message("New case")), default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.Equal(ConnectorOperation.CreateConversation, call.Operation);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations", call.Path);
        Assert.True(call.Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal(Channel, call.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("New case", call.Activity!.Text);
        Assert.Null(call.Body["members"]);
        Assert.NotNull(created.ActivityId);
        Assert.Equal($"{Channel};messageid={created.ActivityId}", created.Id);
    }

    [Fact]
    public async Task Create_conversation_with_one_person_sends_bot_member_and_tenant()
    {
        var created = await _h.Client.CreateConversationAsync(_h.ServiceUrl,
            ConversationParameters.PersonalChat("28:app-id", "29:user-1", "tenant-1"), default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.False(call.Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal("28:app-id", call.Body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("29:user-1", call.Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("tenant-1", call.Body["tenantId"]!.GetValue<string>());
        Assert.Equal("tenant-1", call.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Null(call.Body["activity"]);
        Assert.Equal("a:fake-personal-29:user-1", created.Id);
    }

    [Fact]
    public async Task Ids_with_colons_semicolons_at_and_equals_are_percent_encoded_in_the_path()
    {
        await _h.Client.ReplyToActivityAsync(_h.ServiceUrl, Thread, "1:2", Message("x"), default);

        var call = Assert.Single(_h.Connector.Calls);
        Assert.EndsWith("/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities/1%3A2", call.RawTarget);
        Assert.Equal(Thread, call.ConversationId);
        Assert.Equal("1:2", call.ActivityId);
    }

    [Fact]
    public async Task The_path_matches_what_the_playground_recorded_for_a_threaded_reply()
    {
        // Captured from the Agents Playground: conversation "team-id;messageid=1795421919087".
        using var fixture = JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "playground", "connector-responses.json")));
        var recorded = fixture.RootElement.GetProperty("replyWithMention");
        var recordedPath = new Uri(recorded.GetProperty("url").GetString()!.Replace("<port>", "1")).AbsolutePath;
        var body = recorded.GetProperty("requestBody");

        await _h.Client.ReplyToActivityAsync(_h.ServiceUrl, body.GetProperty("conversation").GetProperty("id").GetString()!,
            body.GetProperty("replyToId").GetString()!, Message("x"), default);

        Assert.Equal(recordedPath, Assert.Single(_h.Connector.Calls).RawTarget);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task The_service_url_works_with_or_without_a_trailing_slash(string ending)
    {
        var serviceUrl = _h.ServiceUrl.TrimEnd('/') + ending;

        await _h.Client.SendToConversationAsync(serviceUrl, "a:1", Message("x"), default);

        Assert.Equal("/_connector/v3/conversations/a%3A1/activities", Assert.Single(_h.Connector.Calls).RawTarget);
    }

    [Fact]
    public async Task The_token_is_never_sent_to_a_plain_http_host_that_is_not_local()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Client.SendToConversationAsync("http://connector.example.invalid/teams/", "a:1", Message("x"), default));
    }

    [Fact]
    public async Task A_service_url_that_is_not_an_absolute_http_url_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Client.SendToConversationAsync("smba.trafficmanager.net/teams", "a:1", Message("x"), default));
        Assert.Empty(_h.Connector.Calls);
    }
}

public sealed class ConnectorWithoutAuthenticationTests
{
    [Fact]
    public async Task With_authentication_disabled_no_authorization_header_is_sent()
    {
        await using var h = await ConnectorHarness.StartAsync(new BotOptions { MicrosoftAppId = "" });

        await h.Client.SendToConversationAsync(h.ServiceUrl, "personal-chat-user-id-0",
            new Activity { Type = ActivityTypes.Message, Text = "hi" }, default);

        var call = Assert.Single(h.Connector.Calls);
        Assert.Null(call.Authorization);
        Assert.Equal(201, call.Status);
    }
}
