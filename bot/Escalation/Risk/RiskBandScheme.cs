namespace TeamsSafeguarding.Escalation.Risk;

/// <summary>
/// A board's banding of 5x5 scores. Boards differ, so the bands are configuration; a scheme is only
/// accepted when every score the matrix can produce falls in exactly one band.
/// </summary>
public sealed class RiskBandScheme
{
    private RiskBandScheme(IReadOnlyList<RiskBand> bands) => Bands = bands;

    /// <summary>The bands, lowest scores first.</summary>
    public IReadOnlyList<RiskBand> Bands { get; }

    /// <summary>The common NHS banding: 1-3 Low, 4-6 Moderate, 8-12 High, 15-25 Extreme.</summary>
    public static RiskBandScheme NhsDefault { get; } = Create(
    [
        new RiskBand("Low", 1, 3, RiskRag.Green),
        new RiskBand("Moderate", 4, 6, RiskRag.Amber),
        new RiskBand("High", 8, 12, RiskRag.Red),
        new RiskBand("Extreme", 15, 25, RiskRag.Red),
    ]);

    /// <summary>A board variant: green 1-4, amber 5-12, red 15-25.</summary>
    public static RiskBandScheme GreenAmberRed { get; } = Create(
    [
        new RiskBand("Green", 1, 4, RiskRag.Green),
        new RiskBand("Amber", 5, 12, RiskRag.Amber),
        new RiskBand("Red", 15, 25, RiskRag.Red),
    ]);

    public RiskBand BandFor(RiskScore score) => BandFor(score.Value);

    public RiskBand BandFor(int score) =>
        Bands.FirstOrDefault(b => b.Contains(score))
        ?? throw new ArgumentOutOfRangeException(nameof(score), score, "Not a score the 5x5 matrix can produce.");

    /// <summary>Builds a scheme, throwing with every problem listed when the bands are unusable (a configuration error).</summary>
    public static RiskBandScheme Create(IEnumerable<RiskBand> bands)
    {
        var list = bands.OrderBy(b => b.From).ToArray();
        var problems = Problems(list);
        if (problems.Count > 0)
            throw new ArgumentException("Risk bands are not usable: " + string.Join("; ", problems), nameof(bands));
        return new RiskBandScheme(list);
    }

    /// <summary>What is wrong with a set of bands (empty when they are usable).</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<RiskBand> bands)
    {
        var problems = new List<string>();
        if (bands.Count == 0) problems.Add("no bands");
        foreach (var band in bands)
        {
            if (string.IsNullOrWhiteSpace(band.Word)) problems.Add($"band {band.From}-{band.To} has no word");
            if (band.From > band.To) problems.Add($"band '{band.Word}' starts after it ends");
        }
        foreach (var score in RiskScore.PossibleValues)
        {
            var holders = bands.Count(b => b.Contains(score));
            if (holders == 0) problems.Add($"score {score} is in no band");
            if (holders > 1) problems.Add($"score {score} is in {holders} bands");
        }
        return problems;
    }
}
