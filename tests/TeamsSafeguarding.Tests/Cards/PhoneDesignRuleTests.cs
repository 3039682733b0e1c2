using System.Reflection;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using Xunit;
using Xunit.Abstractions;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>
/// Every card sample (<see cref="CardSamples"/>: every card builder, each with its largest realistic content) keeps the
/// phone design rule (<see cref="PhoneRule"/>), drawn by the official renderer at 358 px in the Teams light and dark
/// themes. A new card is held to it as soon as it has a sample, and every builder must have one.
/// </summary>
public sealed class PhoneDesignRuleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_card_fits_a_phone_in_both_themes()
    {
        var samples = CardSamples.All().Where(s => s.Builder is not null).ToList();
        var measured = await CardRenderer.MeasureAsync([.. samples.Select(s => (s.Name, s.Card))]);

        var problems = new List<string>();
        output.WriteLine($"{"card",-48} {"light",6} {"dark",6} buttons");
        foreach (var sample in samples)
        {
            var mine = measured.Where(m => m.Name == sample.Name).ToList();
            Assert.Equal(2, mine.Count);
            var light = mine.Single(m => m.Theme == "light");
            output.WriteLine($"{sample.Name,-48} {light.Height,6} {mine.Single(m => m.Theme == "dark").Height,6} {light.Buttons.Count}");
            problems.AddRange(PhoneRule.JsonProblems(sample.Card).Concat(mine.SelectMany(PhoneRule.RenderProblems)).Distinct()
                .Select(p => $"{sample.Name}: {p}"));
        }
        Assert.True(problems.Count == 0, $"{problems.Count} breach(es) of the phone design rule:\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public async Task The_measure_sees_a_tall_card_a_cut_button_and_low_contrast()
    {
        var tall = new AdaptiveCard { Body = [.. Enumerable.Range(1, 80).Select(i => new TextBlock { Text = $"Line {i}" })] };
        var cut = new AdaptiveCard
        {
            Actions = [.. new[] { "Return to referrer", "Send to statutory partners", "Send without triage (DBM absent)" }
                .Select(t => new ExecuteAction { Title = t, Verb = "v" })],
        };
        var yellow = new AdaptiveCard { Body = [new TextBlock { Text = "Triage not completed", Color = TextColor.Warning }] };
        var redOnDark = new AdaptiveCard { Body = [new TextBlock { Text = "Please give the reason.", Color = TextColor.Attention }] };
        var panel = new AdaptiveCard { Body = [Notice.Error("Please give the reason."), Notice.Warning("Triage not completed")] };

        var measured = await CardRenderer.MeasureAsync([("tall", tall.ToJson()), ("cut", cut.ToJson()), ("yellow", yellow.ToJson()),
            ("red", redOnDark.ToJson()), ("panel", panel.ToJson())]);
        IReadOnlyList<string> Problems(string name, string theme) => PhoneRule.RenderProblems(measured.Single(m => m.Name == name && m.Theme == theme));

        Assert.Contains(Problems("tall", "light"), p => p.Contains("px tall"));
        Assert.Contains(Problems("cut", "light"), p => p.Contains("is cut short"));
        Assert.Contains(Problems("yellow", "light"), p => p.Contains("contrast"));
        Assert.Empty(Problems("red", "light"));
        Assert.Contains(Problems("red", "dark"), p => p.Contains("contrast"));
        Assert.Empty(Problems("panel", "light").Concat(Problems("panel", "dark")));
    }

    [Fact]
    public void The_json_checks_see_too_many_buttons_a_moving_primary_mixed_numbering_and_marking_and_maxLength()
    {
        ExecuteAction Button(string title, ActionStyle? style = null) => new() { Title = title, Verb = "v", Style = style };
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "Section 2 of 6" },
                new TextInput { Id = "a", Label = "Reason", IsRequired = true, MaxLength = 10 },
                new TextInput { Id = "b", Label = "Optional: a note" },
                new ActionSet { Actions = [Button("Edit this section")] },
            ],
            Actions = [Button("Back"), Button("Next", ActionStyle.Positive), Button("Save and exit")],
        };
        var problems = PhoneRule.JsonProblems(card.ToJson());

        Assert.Contains(problems, p => p.StartsWith("4 buttons", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is not the first button"));
        Assert.Contains(problems, p => p.Contains("\"Section 2 of 6\""));
        Assert.Contains(problems, p => p.Contains("uses isRequired"));
        Assert.Contains(problems, p => p.Contains("has maxLength"));
        Assert.Contains(problems, p => p.Contains("\"Optional: a note\""));
        Assert.Empty(PhoneRule.JsonProblems(new AdaptiveCard
        {
            Body = [new TextBlock { Text = "Step 2 of 6" }, new TextInput { Id = "b", Label = "A note (optional)" },
                new Container { Items = [new TextBlock { Text = "Row" }], SelectAction = Button("Open") }],
            Actions = [Button("Next", ActionStyle.Positive), Button("Back"), Button("Save and exit")],
        }.ToJson()));
    }

    /// <summary>Every public method of the cards library that builds a card is sampled, so the rule reaches every card.</summary>
    [Fact]
    public void Every_card_builder_has_a_sample()
    {
        var builders = typeof(AdaptiveCard).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(AdaptiveCard))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet();
        var sampled = CardSamples.All().Select(s => s.Builder).OfType<string>().ToHashSet();

        Assert.Contains("PartnersCard.ReadOnly", builders); // the reflection really found the builders
        Assert.True(builders.Except(sampled).ToList() is [], $"Card builders without a sample in CardSamples: {string.Join(", ", builders.Except(sampled).Order())}");
        Assert.True(sampled.Except(builders).ToList() is [], $"Samples naming no builder: {string.Join(", ", sampled.Except(builders))}");
    }
}
