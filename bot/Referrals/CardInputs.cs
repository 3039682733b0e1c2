using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Referrals;

/// <summary>The inputs a card sent, as strings keyed by input id. Anything that is not a plain value is ignored.</summary>
public static class CardInputs
{
    public static IReadOnlyDictionary<string, string?> Of(JsonObject data)
    {
        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in data)
            if (value is JsonValue v) inputs[key] = v.ToString();
        return inputs;
    }
}
