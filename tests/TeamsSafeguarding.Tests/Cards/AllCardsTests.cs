using Xunit;

namespace TeamsSafeguarding.Tests.Cards;

public class AllCardsTests
{
    public static TheoryData<string> Names => [.. CardSamples.All().Select(sample => sample.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_card_is_valid_against_the_official_schema(string name)
    {
        CardSchema.AssertValid(CardSamples.All().Single(s => s.Name == name).Card);
    }

    [Fact]
    public void Card_names_are_unique_file_names()
    {
        var names = CardSamples.All().Select(s => s.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9-]+$", n));
    }

    /// <summary>
    /// Writes every card to $CARDS_OUT (default: $TMPDIR/teams-safeguarding-cards) so the official tools can
    /// validate and render them (infra/cards/check.sh), and the names of the cards the bot sends (those with a builder,
    /// held to the phone design rule) to phone-rule-samples.txt. Overwrites, never deletes: the folder may be shared.
    /// </summary>
    [Fact]
    public void Every_card_is_written_for_the_official_tools()
    {
        var folder = Environment.GetEnvironmentVariable("CARDS_OUT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "teams-safeguarding-cards");
        Directory.CreateDirectory(folder);

        File.WriteAllLines(Path.Combine(folder, "phone-rule-samples.txt"), CardSamples.All().Where(s => s.Builder is not null).Select(s => s.Name));
        foreach (var (name, _, card) in CardSamples.All())
        {
            var file = Path.Combine(folder, name + ".json");
            File.WriteAllText(file, card.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            Assert.Equal(card.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.ToJsonString());
        }
    }
}
