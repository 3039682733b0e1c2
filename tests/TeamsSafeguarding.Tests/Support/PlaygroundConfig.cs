using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>The ids the Playground runs with (GET /_internal/v1/testConfig), from infra/playground/mock.yml.</summary>
public sealed record PlaygroundConfig(
    string TenantId,
    string BotId,
    string BotName,
    string CurrentUserId,
    IReadOnlyList<string> UserIds,
    string PersonalChatId,
    string GroupChatId,
    string TeamId,
    IReadOnlyList<string> ChannelIds)
{
    /// <summary>General's conversation id is the team id.</summary>
    public string GeneralChannelId => TeamId;

    /// <summary>The one channel besides General.</summary>
    public string OtherChannelId => ChannelIds.First(id => id != TeamId);

    public static PlaygroundConfig Parse(JsonNode testConfig)
    {
        var config = testConfig["config"] ?? throw new FormatException("testConfig has no 'config'.");
        var team = config["teams"]!.AsArray()[0]!;
        return new PlaygroundConfig(
            TenantId: Str(config["tenantId"]),
            BotId: Str(config["bot"]?["id"]),
            BotName: Str(config["bot"]?["name"]),
            CurrentUserId: Str(config["currentUser"]?["id"]),
            UserIds: config["users"]!.AsArray().Select(u => Str(u?["id"])).ToList(),
            PersonalChatId: Str(config["personalChat"]?["id"]),
            GroupChatId: Str(config["groupChats"]!.AsArray()[0]?["id"]),
            TeamId: Str(team["id"]),
            ChannelIds: team["channels"]?.AsArray().Select(c => Str(c?["id"])).ToList() ?? []);
    }

    private static string Str(JsonNode? node) =>
        node?.GetValue<string>() ?? throw new FormatException("testConfig lacks an expected id.");
}
