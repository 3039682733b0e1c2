using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>
/// The few helpers every element uses to write itself: properties with a null value are left out,
/// enums become camelCase strings, dates become yyyy-MM-dd (the only date form Adaptive Cards read).
/// </summary>
internal static class CardJson
{
    public static JsonObject Object(params (string Name, JsonNode? Value)[] properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null) json[name] = value;
        }
        return json;
    }

    public static JsonNode? Name<TEnum>(TEnum? value) where TEnum : struct, Enum =>
        value is { } v ? JsonNamingPolicy.CamelCase.ConvertName(v.ToString()) : null;

    public static JsonNode? Date(DateOnly? value) =>
        value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonArray? Elements(IReadOnlyList<ICardElement>? elements) =>
        elements is null ? null : new JsonArray([.. elements.Select(e => (JsonNode)e.ToJson())]);

    public static JsonArray? Actions(IReadOnlyList<ICardAction>? actions) =>
        actions is null || actions.Count == 0 ? null : new JsonArray([.. actions.Select(a => (JsonNode)a.ToJson())]);

    /// <summary>A JsonNode can have one parent only, so data objects are copied into each card written.</summary>
    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();
}
