using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsSafeguarding.Cards.Referrals;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// The phone design rule every card is held to (issue 11), as checks over a card's JSON and over its rendering at
/// 358 px (<see cref="CardRenderer"/>). Each check returns what is wrong, in words, so one test can list every card
/// that breaks the rule and why:
/// - at most 1,500 px tall at 358 px wide, in the light and the dark Teams theme, and within Teams' 40 KB;
/// - no button title cut short;
/// - at most three buttons (the action bar and any button in the body together; a list gives each row its action
///   through the row's selectAction, so it needs none), and the primary (positive) button, if any, is the first of the
///   action bar: always in the same place;
/// - one numbering scheme: progress reads "Step N of M", never "Section N" or "Part N";
/// - required fields marked one way: no input uses isRequired (its red asterisk would be a second scheme), and an
///   optional field says so with "(optional)" at the end of its label;
/// - no input cuts typed text short with maxLength (clients cut silently): the server checks lengths and says so next
///   to the field;
/// - text contrast at least 4.5:1 against what is behind it, light and dark.
/// </summary>
public static partial class PhoneRule
{
    public const int MaxHeight = 1500;
    public const int MaxButtons = 3;
    public const double MinContrast = 4.5;

    /// <summary>What is wrong with the card's JSON; empty when it keeps the rule.</summary>
    public static IReadOnlyList<string> JsonProblems(JsonObject card)
    {
        var problems = new List<string>();
        if (!CardSize.Fits(card)) problems.Add($"{CardSize.Utf16Bytes(card)} bytes as UTF-16, over Teams' {CardSize.MaxUtf16Bytes}");

        var bar = Actions(card["actions"]);
        var inBody = Visible(card["body"]).Where(o => (string?)o["type"] == "ActionSet").SelectMany(o => Actions(o["actions"])).ToList();
        if (bar.Count + inBody.Count > MaxButtons)
            problems.Add($"{bar.Count + inBody.Count} buttons (at most {MaxButtons}; give list rows a selectAction instead): " +
                         string.Join(" | ", bar.Concat(inBody).Select(a => (string?)a["title"])));
        var positive = bar.Concat(inBody).Where(a => (string?)a["style"] == "positive").ToList();
        if (positive.Count > 1) problems.Add($"{positive.Count} primary (positive) buttons: {string.Join(", ", positive.Select(a => (string?)a["title"]))}");
        if (positive.Count == 1 && (bar.Count == 0 || !ReferenceEquals(bar[0], positive[0])))
            problems.Add($"the primary button \"{(string?)positive[0]["title"]}\" is not the first button of the action bar");

        foreach (var o in Visible(card["body"]))
        {
            var type = (string?)o["type"];
            foreach (var key in new[] { "text", "label", "title", "value" })
                if (o[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && OtherNumbering().Match(v.GetValue<string>()) is { Success: true } m)
                    problems.Add($"numbering \"{m.Value}\": progress reads \"Step N of M\"");
            if (type is null || !type.StartsWith("Input.", StringComparison.Ordinal)) continue;
            var name = (string?)o["label"] ?? (string?)o["title"] ?? (string?)o["id"];
            if (o["isRequired"] is JsonValue required && required.GetValue<bool>())
                problems.Add($"input \"{name}\" uses isRequired (mark optional fields \"(optional)\" instead)");
            if (o["maxLength"] is not null) problems.Add($"input \"{name}\" has maxLength, which cuts typed text without a word");
            if (name is not null && name.Contains("optional", StringComparison.OrdinalIgnoreCase) && !name.EndsWith("(optional)", StringComparison.Ordinal))
                problems.Add($"input \"{name}\" says it is optional other than with \"(optional)\" at the end");
        }
        return problems;
    }

    /// <summary>What is wrong with the card as drawn (one theme); empty when it keeps the rule.</summary>
    public static IReadOnlyList<string> RenderProblems(CardRenderer.Measured measured)
    {
        var problems = new List<string>();
        if (measured.Height > MaxHeight) problems.Add($"{measured.Height} px tall in the {measured.Theme} theme (at most {MaxHeight})");
        if (measured.Height < 0) problems.Add($"could not be drawn: {string.Join("; ", measured.Errors)}");
        problems.AddRange(measured.Buttons.Where(b => b.Truncated).Select(b => $"button \"{b.Title}\" is cut short at 358 px"));
        problems.AddRange(measured.LowContrast.Select(c => $"\"{c.Text}\" has contrast {c.Ratio}:1 in the {measured.Theme} theme ({c.Color} on {c.Background})"));
        return problems;
    }

    /// <summary>The elements a person sees before expanding anything: a ShowCard's card is drawn collapsed.</summary>
    private static IEnumerable<JsonObject> Visible(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "Action.ShowCard" => [obj],
        JsonObject obj => [obj, .. obj.Where(p => p.Key != "selectAction").SelectMany(p => Visible(p.Value))],
        JsonArray array => array.SelectMany(Visible),
        _ => [],
    };

    private static List<JsonObject> Actions(JsonNode? actions) => actions is JsonArray a ? [.. a.OfType<JsonObject>()] : [];

    [GeneratedRegex(@"\b(Section|Part) \d+( of \d+)?\b")]
    private static partial Regex OtherNumbering();
}
