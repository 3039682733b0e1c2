using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards;

/// <summary>ColumnSet: columns side by side.</summary>
public sealed record ColumnSet : ICardElement
{
    public required IReadOnlyList<Column> Columns { get; init; }
    public ContainerStyle? Style { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "ColumnSet"),
        ("columns", new JsonArray([.. Columns.Select(c => (JsonNode)c.ToJson())])),
        ("style", CardJson.Name(Style)),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

/// <summary>
/// Column. <see cref="Width"/> is "auto" (fits its content), "stretch" (takes what is left),
/// a relative weight such as "2", or pixels such as "80px"; see <see cref="ColumnWidth"/>.
/// An "auto" column of wrapping text can be squeezed to nothing by a "stretch" neighbour: give short
/// labels (step numbers, icons) a pixel width instead.
/// </summary>
public sealed record Column
{
    public IReadOnlyList<ICardElement> Items { get; init; } = [];
    public string? Width { get; init; }
    public ContainerStyle? Style { get; init; }
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }

    public JsonObject ToJson() => CardJson.Object(
        ("type", "Column"),
        ("items", CardJson.Elements(Items)),
        ("width", Width),
        ("style", CardJson.Name(Style)),
        ("spacing", CardJson.Name(Spacing)),
        ("separator", Separator));
}

public static class ColumnWidth
{
    public const string Auto = "auto";
    public const string Stretch = "stretch";
    public static string Weight(int weight) => weight.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Pixels(int pixels) => $"{pixels.ToString(System.Globalization.CultureInfo.InvariantCulture)}px";
}
