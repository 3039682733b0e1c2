using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>
/// Issue #9's table, through the real host: input of the wrong type or size, and activities that name two tenants,
/// are refused with a 4xx (a card action with a friendly invoke error) before anything is stored.
/// </summary>
[Collection("Azurite")]
public sealed class HostileInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private BotUnderTest bot = null!;

    public async Task InitializeAsync() => bot = await BotUnderTest.StartAsync(azurite);

    public async Task DisposeAsync()
    {
        if (bot is not null) await bot.DisposeAsync();
    }

    public static TheoryData<string, string> MessagesWithFieldsOfTheWrongType => new()
    {
        { "entities[].type is a number", """[{"type":5,"text":"<at>Test Bot</at>","mentioned":{"id":"x","name":"Test Bot"}}]""" },
        { "entities[].mentioned.id is a number", """[{"type":"mention","text":"<at>Test Bot</at>","mentioned":{"id":11,"name":"Test Bot"}}]""" },
        { "entities[].mentioned.id is an object", """[{"type":"mention","text":"<at>Test Bot</at>","mentioned":{"id":{"a":1},"name":"Test Bot"}}]""" },
        { "entities[].text is a number", """[{"type":"mention","text":42,"mentioned":{"id":"00000000-0000-0000-0000-00000000000011","name":"Test Bot"}}]""" },
        { "entities[].text is an array", """[{"type":"mention","text":["a"],"mentioned":{"id":"00000000-0000-0000-0000-00000000000011","name":"Test Bot"}}]""" },
    };

    [Theory]
    [MemberData(nameof(MessagesWithFieldsOfTheWrongType))]
    public async Task A_mention_entity_with_a_field_of_the_wrong_type_is_400_and_nothing_is_stored(string why, string entities)
    {
        var message = bot.PersonalMessage("<at>Test Bot</at> help");
        message["entities"] = JsonNode.Parse(entities);

        using var response = await bot.PostAsync(message);

        await AssertBadInputAndNothingStoredAsync(response, why);
    }

    [Fact]
    public async Task Text_that_is_not_a_string_is_400_and_nothing_is_stored()
    {
        var message = bot.PersonalMessage("help");
        message["text"] = new JsonObject { ["help"] = true };

        using var response = await bot.PostAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(bot.Rows());
    }

    public static TheoryData<string> BrokenCardActions => new()
    {
        "value.action.type is a number",
        "value.action.verb is a number",
        "value.action.verb is missing",
        "value.trigger is a number",
        "value.action is a string",
        "value.action.data is an array",
        "a lone surrogate in the card's data",
        "a lone surrogate in a property name of the card's data",
    };

    [Theory]
    [MemberData(nameof(BrokenCardActions))]
    public async Task A_card_action_of_the_wrong_shape_gets_a_friendly_invoke_error_and_nothing_is_stored(string why)
    {
        var click = bot.Click(OnboardingVerbs.ShowHelp, new JsonObject { ["note"] = why.StartsWith("a lone surrogate in the card") ? "LONE" : "fine" });
        var action = click["value"]!["action"]!.AsObject();
        switch (why)
        {
            case "value.action.type is a number": action["type"] = 1; break;
            case "value.action.verb is a number": action["verb"] = 7; break;
            case "value.action.verb is missing": action.Remove("verb"); break;
            case "value.trigger is a number": click["value"]!["trigger"] = 3; break;
            case "value.action is a string": click["value"]!["action"] = "Action.Execute"; break;
            case "value.action.data is an array": action["data"] = new JsonArray(1, 2); break;
            case "a lone surrogate in a property name of the card's data": action["data"] = new JsonObject { ["LONE"] = "x" }; break;
        }
        // A lone surrogate cannot live in a .NET string that JSON is written from, so it is put in as its escape.
        var body = click.ToJsonString().Replace("LONE", "\\ud800");

        using var response = await bot.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: answered {(int)response.StatusCode}");
        var answer = JsonNode.Parse(text)!;
        Assert.Equal(InvokeResponse.ErrorType, (string?)answer["type"]);
        Assert.Equal(400, (int?)answer["statusCode"]);
        Assert.Contains("help", (string?)answer["value"]?["message"]);
        Assert.DoesNotContain("Exception", text);
        Assert.Empty(bot.Rows());
    }

    public static TheoryData<string> ActivitiesWithIdsNoTeamsIdIsLike => new()
    {
        "an activity id of 2,000 characters",
        "a conversation id of 1,500 '/'",
        "an aadObjectId of 5,000 characters",
        "a from.id with a NUL in it",
        "a tenant id of 300 characters",
        "a service URL that is not an address",
    };

    [Theory]
    [MemberData(nameof(ActivitiesWithIdsNoTeamsIdIsLike))]
    public async Task An_id_longer_or_stranger_than_any_Teams_id_is_400_before_anything_is_stored(string why)
    {
        var message = bot.PersonalMessage("help");
        switch (why)
        {
            case "an activity id of 2,000 characters": message["id"] = new string('1', 2000); break;
            case "a conversation id of 1,500 '/'": message["conversation"]!["id"] = new string('/', 1500); break;
            case "an aadObjectId of 5,000 characters": message["from"]!["aadObjectId"] = new string('a', 5000); break;
            case "a from.id with a NUL in it": message["from"]!["id"] = "user\u0000id"; break;
            case "a tenant id of 300 characters":
                message["conversation"]!["tenantId"] = new string('t', 300);
                message["channelData"]!["tenant"]!["id"] = new string('t', 300);
                break;
            case "a service URL that is not an address": message["serviceUrl"] = "javascript:alert(1)"; break;
        }

        using var response = await bot.PostAsync(message);

        await AssertBadInputAndNothingStoredAsync(response, why);
    }

    [Fact]
    public async Task The_longest_ids_accepted_still_fit_Table_Storage_keys_after_escaping()
    {
        // 256 characters, every one of them escaped to three: the worst an accepted id can do to a key.
        var message = bot.PersonalMessage("help", id: new string('#', WireText.MaxIdLength));
        message["conversation"]!["id"] = new string('/', WireText.MaxIdLength);
        message["from"]!["aadObjectId"] = new string('?', WireText.MaxIdLength);

        using var response = await bot.PostAsync(message);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()} {string.Join("; ", bot.Logs.Entries.Where(e => e.Level >= LogLevel.Warning))}");
        Assert.Contains(bot.Rows(), r => r.PartitionKey.StartsWith("conv|", StringComparison.Ordinal));
        Assert.Contains(bot.Rows(), r => r.PartitionKey.StartsWith("dedupe|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a tenant the bot does not serve", "the mock tenant")]
    [InlineData("the mock tenant", "a tenant the bot does not serve")]
    public async Task Channel_data_and_conversation_naming_different_tenants_is_refused_and_logged(string inChannelData, string inConversation)
    {
        const string other = "99999999-9999-9999-9999-999999999999";
        string Tenant(string which) => which == "the mock tenant" ? TestBotHost.MockTenantId : other;
        var message = bot.PersonalMessage("help");
        message["channelData"]!["tenant"]!["id"] = Tenant(inChannelData);
        message["conversation"]!["tenantId"] = Tenant(inConversation);

        using var response = await bot.PostAsync(message);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"answered {(int)response.StatusCode}");
        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("different tenants"));
        Assert.Empty(bot.Rows());
        Assert.Empty(bot.Connector.Calls);
    }

    /// <summary>Bad input: a bare 400 that gives nothing away, nothing stored and nothing sent.</summary>
    private async Task AssertBadInputAndNothingStoredAsync(HttpResponseMessage response, string why)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: answered {(int)response.StatusCode}");
        MessagesEndpointTests.AssertNoInternals(await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Rows());
        Assert.Empty(bot.Connector.Calls);
    }
}
