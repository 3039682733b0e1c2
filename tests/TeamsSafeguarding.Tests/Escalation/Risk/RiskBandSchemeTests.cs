using Xunit;
using Microsoft.Extensions.Configuration;
using TeamsSafeguarding.Escalation.Risk;
using TeamsSafeguarding.Board;

namespace TeamsSafeguarding.Tests.Escalation.Risk;

public class RiskBandSchemeTests
{
    [Theory]
    [InlineData(1, "Low", RiskRag.Green)]
    [InlineData(3, "Low", RiskRag.Green)]
    [InlineData(4, "Moderate", RiskRag.Amber)]
    [InlineData(6, "Moderate", RiskRag.Amber)]
    [InlineData(8, "High", RiskRag.Red)]
    [InlineData(12, "High", RiskRag.Red)]
    [InlineData(15, "Extreme", RiskRag.Red)]
    [InlineData(25, "Extreme", RiskRag.Red)]
    public void Nhs_default_bands(int score, string word, RiskRag rag)
    {
        var band = RiskBandScheme.NhsDefault.BandFor(score);
        Assert.Equal((word, rag), (band.Word, band.Rag));
    }

    [Theory]
    [InlineData(4, "Green")]
    [InlineData(5, "Amber")]
    [InlineData(12, "Amber")]
    [InlineData(15, "Red")]
    public void Board_variant_green_amber_red(int score, string word) =>
        Assert.Equal(word, RiskBandScheme.GreenAmberRed.BandFor(score).Word);

    [Fact]
    public void Every_possible_score_has_a_band_in_both_schemes()
    {
        foreach (var score in RiskScore.PossibleValues)
        {
            Assert.NotNull(RiskBandScheme.NhsDefault.BandFor(score));
            Assert.NotNull(RiskBandScheme.GreenAmberRed.BandFor(score));
        }
    }

    [Fact]
    public void Scores_from_a_risk_score()
    {
        Assert.Equal("Extreme", RiskBandScheme.NhsDefault.BandFor(new RiskScore(4, 4)).Word);
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskBandScheme.NhsDefault.BandFor(7));
    }

    [Fact]
    public void A_scheme_with_a_gap_is_refused_naming_the_score()
    {
        var error = Assert.Throws<ArgumentException>(() => RiskBandScheme.Create(
        [
            new RiskBand("Low", 1, 3, RiskRag.Green),
            new RiskBand("High", 5, 25, RiskRag.Red),
        ]));
        Assert.Contains("score 4 is in no band", error.Message);
    }

    [Fact]
    public void Overlapping_or_unnamed_bands_are_refused()
    {
        var problems = RiskBandScheme.Problems(
        [
            new RiskBand("Low", 1, 6, RiskRag.Green),
            new RiskBand("", 5, 25, RiskRag.Red),
        ]);
        Assert.Contains("score 5 is in 2 bands", problems);
        Assert.Contains(problems, p => p.Contains("has no word"));
        Assert.Contains("no bands", RiskBandScheme.Problems([]));
    }

    [Fact]
    public void Bands_come_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Board:Process:RiskBands:0:Word"] = "Green", ["Board:Process:RiskBands:0:From"] = "1", ["Board:Process:RiskBands:0:To"] = "4", ["Board:Process:RiskBands:0:Rag"] = "Green",
            ["Board:Process:RiskBands:1:Word"] = "Amber", ["Board:Process:RiskBands:1:From"] = "5", ["Board:Process:RiskBands:1:To"] = "12", ["Board:Process:RiskBands:1:Rag"] = "Amber",
            ["Board:Process:RiskBands:2:Word"] = "Red", ["Board:Process:RiskBands:2:From"] = "15", ["Board:Process:RiskBands:2:To"] = "25", ["Board:Process:RiskBands:2:Rag"] = "Red",
        }).Build();
        var scheme = config.GetSection(ProcessOptions.Section).Get<ProcessOptions>()!.ToProfile().RiskBands;
        Assert.Equal(["Green", "Amber", "Red"], scheme.Bands.Select(b => b.Word));
        Assert.Equal("Amber", scheme.BandFor(10).Word);
    }

    [Theory]
    [InlineData("NhsDefault", "Moderate")]
    [InlineData("greenamberred", "Amber")]
    public void Presets_by_name(string preset, string wordForFive) =>
        Assert.Equal(wordForFive, new ProcessOptions { RiskPreset = preset }.ToProfile().RiskBands.BandFor(5).Word);

    [Fact]
    public void An_unknown_preset_is_a_configuration_error() =>
        Assert.Throws<ArgumentException>(() => new ProcessOptions { RiskPreset = "Purple" }.ToProfile());

    [Fact]
    public void Scale_words_explain_1_to_5()
    {
        Assert.Equal("1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain", RiskScale.LikelihoodGuide);
        Assert.Equal("1 negligible, 2 minor, 3 moderate, 4 major, 5 catastrophic", RiskScale.ImpactGuide);
    }
}
