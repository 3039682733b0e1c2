using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

// Inputs: the value arrives in the action's data keyed by Id. Give required inputs a Label and an
// ErrorMessage; Teams shows the label above the field and the message when the field is left empty.

/// <summary>Input.Text.</summary>
public sealed record TextInput : ICardElement
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>A regular expression the whole value must match (checked by the client before sending).</summary>
    public string? Regex { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Input.Text"),
        ("id", Id),
        ("label", Label),
        ("placeholder", Placeholder),
        ("value", Value),
        ("isMultiline", IsMultiline),
        ("maxLength", MaxLength),
        ("regex", Regex),
        ("isRequired", IsRequired),
        ("errorMessage", ErrorMessage),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>Input.Number.</summary>
public sealed record NumberInput : ICardElement
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public double? Value { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Input.Number"),
        ("id", Id),
        ("label", Label),
        ("placeholder", Placeholder),
        ("value", Value),
        ("min", Min),
        ("max", Max),
        ("isRequired", IsRequired),
        ("errorMessage", ErrorMessage),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>Input.Date: values are written yyyy-MM-dd and come back in the same form.</summary>
public sealed record DateInput : ICardElement
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public DateOnly? Value { get; init; }
    public DateOnly? Min { get; init; }
    public DateOnly? Max { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Input.Date"),
        ("id", Id),
        ("label", Label),
        ("placeholder", Placeholder),
        ("value", CardJson.Date(Value)),
        ("min", CardJson.Date(Min)),
        ("max", CardJson.Date(Max)),
        ("isRequired", IsRequired),
        ("errorMessage", ErrorMessage),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>Input.Toggle: a check box; sends <see cref="ValueOn"/> or <see cref="ValueOff"/> ("true"/"false" by default).</summary>
public sealed record ToggleInput : ICardElement
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Label { get; init; }
    public string? Value { get; init; }
    public string? ValueOn { get; init; }
    public string? ValueOff { get; init; }
    public bool? Wrap { get; init; } = true;
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Input.Toggle"),
        ("id", Id),
        ("title", Title),
        ("label", Label),
        ("value", Value),
        ("valueOn", ValueOn),
        ("valueOff", ValueOff),
        ("wrap", Wrap),
        ("isRequired", IsRequired),
        ("errorMessage", ErrorMessage),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>
/// Input.ChoiceSet. <see cref="Value"/> is the chosen choice value; for multi-select, the values joined with
/// commas (which is also how they come back), so choice values must not contain commas.
/// </summary>
public sealed record ChoiceSetInput : ICardElement
{
    public required string Id { get; init; }
    public required IReadOnlyList<Choice> Choices { get; init; }
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool? IsMultiSelect { get; init; }
    public ChoiceInputStyle? Style { get; init; }
    public bool? Wrap { get; init; } = true;
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Input.ChoiceSet"),
        ("id", Id),
        ("label", Label),
        ("placeholder", Placeholder),
        ("choices", new JsonArray([.. Choices.Select(c => (JsonNode)c.ToJson())])),
        ("value", Value),
        ("isMultiSelect", IsMultiSelect),
        ("style", CardJson.Name(Style)),
        ("wrap", Wrap),
        ("isRequired", IsRequired),
        ("errorMessage", ErrorMessage),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>One option of an Input.ChoiceSet: what the person sees, and the value the bot receives.</summary>
public sealed record Choice(string Title, string Value)
{
    public JsonObject ToJson() => new() { ["title"] = Title, ["value"] = Value };
}
