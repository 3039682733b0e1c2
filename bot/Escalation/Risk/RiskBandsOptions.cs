namespace TeamsSafeguarding.Escalation.Risk;

/// <summary>
/// Configuration section "Risk": either a named preset ("NhsDefault" or "GreenAmberRed") or explicit bands,
/// e.g. Risk:Bands:0:Word=Low, Risk:Bands:0:From=1, Risk:Bands:0:To=3, Risk:Bands:0:Rag=Green.
/// Explicit bands win over the preset.
/// </summary>
public sealed class RiskBandsOptions
{
    public const string Section = "Risk";

    public string Preset { get; set; } = "NhsDefault";
    public List<RiskBandOption> Bands { get; set; } = [];

    public RiskBandScheme ToScheme()
    {
        if (Bands.Count > 0)
            return RiskBandScheme.Create(Bands.Select(b => new RiskBand(b.Word, b.From, b.To, b.Rag)));
        return Preset.Trim().ToLowerInvariant() switch
        {
            "nhsdefault" or "" => RiskBandScheme.NhsDefault,
            "greenamberred" => RiskBandScheme.GreenAmberRed,
            _ => throw new ArgumentException($"Unknown risk band preset '{Preset}'. Use NhsDefault, GreenAmberRed or list Bands."),
        };
    }
}

public sealed class RiskBandOption
{
    public string Word { get; set; } = "";
    public int From { get; set; }
    public int To { get; set; }
    public RiskRag Rag { get; set; }
}
