namespace TeamsSafeguarding.Escalation.Cases;

/// <summary>
/// A friendly message about one field of a card, or about the whole submission when Field is <see cref="Form"/>.
/// Field names are the card input ids, so the card can show the message next to the right input.
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The field name used when the problem is with the submission as a whole (e.g. it came too late).</summary>
    public const string Form = "form";

    /// <summary>For a card: each field's messages, joined, keyed by field (input id).</summary>
    public static IReadOnlyDictionary<string, string> ByField(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
}
