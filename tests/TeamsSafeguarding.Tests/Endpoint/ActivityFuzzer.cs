using System.Text;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Tests.Endpoint;

/// <summary>One generated activity: the JSON text to post and what was done to the real payload it came from.</summary>
public sealed record FuzzCase(int Number, string Source, string Mutations, string Body);

/// <summary>
/// Turns real Playground activities into hostile ones, reproducibly from a seed: fields deleted, given the wrong JSON
/// type, nested far too deep, made huge, or filled with Unicode edge cases (lone surrogates, right-to-left override,
/// zero-width characters, NUL). Half the mutations hit fields the bot reads; the rest hit any node at all.
/// </summary>
public sealed class ActivityFuzzer(int seed)
{
    private readonly Random random = new(seed);

    // Placeholders for what a .NET string cannot carry into JSON: swapped for the raw escapes in the posted text.
    private const string LoneHigh = "\uE000lone-high\uE000";
    private const string LoneLow = "\uE000lone-low\uE000";

    private static readonly string[] FieldsTheBotReads =
    [
        "type", "id", "name", "action", "text", "channelId", "serviceUrl", "replyToId", "timestamp",
        "from", "from.id", "from.aadObjectId", "from.name", "recipient", "recipient.id",
        "conversation", "conversation.id", "conversation.tenantId", "conversation.conversationType",
        "channelData", "channelData.tenant", "channelData.tenant.id", "channelData.team", "channelData.team.id",
        "channelData.channel.id", "channelData.eventType", "entities", "entities.0", "entities.0.type",
        "entities.0.mentioned", "entities.0.mentioned.id", "entities.0.text", "membersAdded", "membersAdded.0.id",
        "value", "value.action", "value.action.type", "value.action.verb", "value.action.data", "value.trigger",
    ];

    private static readonly string[] UnicodeEdges =
    [
        LoneHigh, LoneLow, "a" + LoneHigh + "b", LoneLow + LoneHigh,
        "\u202Ehelp", "he\u200Blp", "\u200D\u200C\u2060", "\u0000", "help\u0000", "\uFEFF", "\uFFFF\uFFFE",
        "e\u0301\u0301\u0301", "\U0001F600\U0001F4A9", "\u0645\u0631\u062D\u0628\u0627", "\r\n\t", "%2F%00", "<at>x</at>",
    ];

    public FuzzCase Next(int number, string source, JsonObject activity)
    {
        var mutations = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++) mutations.Add(Mutate(activity));
        var body = activity.ToJsonString()
            .Replace(LoneHigh.Replace("\uE000", "\\uE000"), "\\ud800", StringComparison.Ordinal)
            .Replace(LoneLow.Replace("\uE000", "\\uE000"), "\\udc00", StringComparison.Ordinal)
            .Replace(LoneHigh, "\\ud800", StringComparison.Ordinal)
            .Replace(LoneLow, "\\udc00", StringComparison.Ordinal);
        return new FuzzCase(number, source, string.Join("; ", mutations), body);
    }

    private string Mutate(JsonObject activity)
    {
        var (parent, key, path) = PickTarget(activity);
        if (parent is null) return "nothing to mutate";
        switch (random.Next(5))
        {
            case 0:
                Remove(parent, key);
                return $"deleted {path}";
            case 1:
                var wrong = WrongType(Get(parent, key));
                Set(parent, key, wrong.Value);
                return $"{path} := {wrong.Kind}";
            case 2:
                var depth = 20 + random.Next(300);
                Set(parent, key, Nested(depth));
                return $"{path} nested {depth} deep";
            case 3:
                var length = new[] { 1_000, 20_000, 100_000, 300_000 }[random.Next(4)];
                Set(parent, key, new string((char)('a' + random.Next(26)), length));
                return $"{path} := {length:N0} characters";
            default:
                var edge = UnicodeEdges[random.Next(UnicodeEdges.Length)];
                var old = Get(parent, key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                Set(parent, key, random.Next(2) == 0 ? edge : old + edge);
                return $"{path} gets {Describe(edge)}";
        }
    }

    private (JsonNode? Parent, object Key, string Path) PickTarget(JsonObject activity)
    {
        if (random.Next(2) == 0)
        {
            var path = FieldsTheBotReads[random.Next(FieldsTheBotReads.Length)];
            var parts = path.Split('.');
            JsonNode? parent = activity;
            for (var i = 0; i < parts.Length - 1 && parent is not null; i++) parent = Get(parent, KeyOf(parts[i]));
            if (parent is JsonObject or JsonArray) return (parent, KeyOf(parts[^1]), path);
        }
        var all = Nodes(activity, "").ToList();
        if (all.Count == 0) return (null, "", "");
        return all[random.Next(all.Count)];
    }

    private static object KeyOf(string part) => int.TryParse(part, out var index) ? index : part;

    private static IEnumerable<(JsonNode Parent, object Key, string Path)> Nodes(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    yield return (o, name, childPath);
                    if (child is not null)
                        foreach (var inner in Nodes(child, childPath)) yield return inner;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i, $"{path}.{i}");
                    if (a[i] is { } child)
                        foreach (var inner in Nodes(child, $"{path}.{i}")) yield return inner;
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => (parent, key) switch
    {
        (JsonObject o, string name) => o[name],
        (JsonArray a, int i) when i < a.Count => a[i],
        _ => null,
    };

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        switch (parent, key)
        {
            case (JsonObject o, string name): o[name] = value; break;
            case (JsonArray a, int i) when i < a.Count: a[i] = value; break;
            case (JsonArray a, _): a.Add(value); break;
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        switch (parent, key)
        {
            case (JsonObject o, string name): o.Remove(name); break;
            case (JsonArray a, int i) when i < a.Count: a.RemoveAt(i); break;
        }
    }

    private (string Kind, JsonNode? Value) WrongType(JsonNode? current)
    {
        var choices = new List<(string, Func<JsonNode?>)>
        {
            ("null", () => null),
            ("a number", () => random.Next(3) == 0 ? JsonValue.Create(1e300) : JsonValue.Create(random.Next(-5, 100_000))),
            ("a boolean", () => JsonValue.Create(random.Next(2) == 0)),
            ("a string", () => JsonValue.Create("x")),
            ("an array", () => new JsonArray(1, "two", null)),
            ("an object", () => new JsonObject { ["id"] = 5, ["type"] = new JsonArray() }),
        };
        var currentKind = current switch
        {
            null => "null",
            JsonArray => "an array",
            JsonObject => "an object",
            JsonValue v when v.TryGetValue<string>(out _) => "a string",
            JsonValue v when v.TryGetValue<bool>(out _) => "a boolean",
            _ => "a number",
        };
        var others = choices.Where(c => c.Item1 != currentKind).ToList();
        var (kind, make) = others[random.Next(others.Count)];
        return (kind, make());
    }

    private JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var i = 0; i < depth; i++)
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        return node;
    }

    private static string Describe(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Replace(LoneHigh, "\ud800").Replace(LoneLow, "\udc00"))
            sb.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        return sb.ToString();
    }
}
