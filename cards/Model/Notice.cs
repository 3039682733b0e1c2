namespace TeamsSafeguarding.Cards;

/// <summary>
/// A message that must stand out: an error next to a field, a warning, a success. Drawn as default-coloured text on a
/// tinted panel, never as coloured text: the Teams host configs' red, green and yellow text falls below 4.5:1 contrast
/// in the light or the dark theme (yellow on white is 1.5:1, red on the dark background 3.2:1), while their tinted
/// panels keep dark text on a light tint in both. The words carry the meaning, the tint only helps.
/// </summary>
public static class Notice
{
    /// <summary>An error (e.g. under the field it is about). <paramref name="text"/> must already be safe markdown.</summary>
    public static Container Error(string text, Spacing? spacing = Spacing.Small) => Panel(ContainerStyle.Attention, text, spacing);

    public static Container Warning(string text, Spacing? spacing = null) => Panel(ContainerStyle.Warning, text, spacing);

    public static Container Success(string text, Spacing? spacing = null) => Panel(ContainerStyle.Good, text, spacing);

    private static Container Panel(ContainerStyle style, string text, Spacing? spacing) => new()
    {
        Style = style,
        Spacing = spacing,
        Items = [new TextBlock { Text = text, Size = TextSize.Small }],
    };
}
