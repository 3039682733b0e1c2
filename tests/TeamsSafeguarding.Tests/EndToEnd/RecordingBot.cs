using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// A stand-in bot for plumbing tests: remembers every activity the endpoint hands it, answers each
/// personal-chat message through the connector the activity names (its serviceUrl) as a real bot does,
/// posts a card with one Action.Execute when installed in a personal chat, and answers card clicks with a
/// card naming the verb and data it received.
/// </summary>
public sealed class RecordingBot : IBot
{
    public const string ReplyPrefix = "Received message ";

    private static readonly HttpClient Connector = new() { Timeout = TimeSpan.FromSeconds(15) };

    public const string InstalledCardText = "Installed card";
    public const string ClickedCardText = "Clicked ";

    public ConcurrentQueue<Activity> Received { get; } = new();

    public async Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        Received.Enqueue(activity);
        var personal = activity.Conversation?.ConversationType == "personal";
        switch (activity.Type)
        {
            case ActivityTypes.Message when personal:
                await PostAsync(activity, new JsonObject
                {
                    ["type"] = "message",
                    ["text"] = ReplyPrefix + activity.Id,
                    ["replyToId"] = activity.Id,
                }, cancellationToken);
                return null;
            case ActivityTypes.InstallationUpdate when personal && activity.Action == "add":
                await PostAsync(activity, new JsonObject
                {
                    ["type"] = "message",
                    ["attachments"] = new JsonArray(new JsonObject
                    {
                        ["contentType"] = ContentTypes.AdaptiveCard,
                        ["content"] = Card(InstalledCardText, new JsonObject
                        {
                            ["type"] = "Action.Execute", ["title"] = "Try", ["verb"] = "test.try",
                            ["data"] = new JsonObject { ["card"] = "installed" },
                        }),
                    }),
                }, cancellationToken);
                return null;
            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action":
                var action = activity.Value?["action"];
                return InvokeResponse.Card(Card($"{ClickedCardText}{action?["verb"]} {action?["data"]?.ToJsonString()} by {activity.From?.Id}"));
            default:
                return null;
        }
    }

    private static JsonObject Card(string text, JsonObject? action = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
        };
        if (action is not null) card["actions"] = new JsonArray(action);
        return card;
    }

    private static async Task PostAsync(Activity to, JsonObject activity, CancellationToken ct)
    {
        var url = $"{to.ServiceUrl!.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(to.Conversation!.Id!)}/activities";
        using var response = await Connector.PostAsJsonAsync(url, activity, ct);
        response.EnsureSuccessStatusCode();
    }
}
