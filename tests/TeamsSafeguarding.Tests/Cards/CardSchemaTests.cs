using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using Xunit;
using Xunit.Sdk;

namespace TeamsSafeguarding.Tests.Cards;

/// <summary>Proves the validator bites: each broken card fails, with an error that names the problem.</summary>
public class CardSchemaTests
{
    private static JsonObject Card(params JsonNode[] body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["msteams"] = new JsonObject { ["width"] = "Full" },
        ["body"] = new JsonArray(body),
    };

    [Fact]
    public void A_plain_teams_card_with_msteams_width_passes()
    {
        var card = Card(new JsonObject { ["type"] = "TextBlock", ["text"] = "Hello", ["wrap"] = true });

        Assert.Empty(CardSchema.Errors(card));
    }

    [Fact]
    public void An_unknown_element_type_fails_naming_the_allowed_types()
    {
        var card = Card(new JsonObject { ["type"] = "TextBlok", ["text"] = "Hello" });

        var error = Assert.Single(CardSchema.Errors(card));
        Assert.StartsWith("/body/0/type must be one of the allowed values:", error);
        Assert.Contains("TextBlock", error);
    }

    [Fact]
    public void An_input_without_id_fails_with_that_one_error()
    {
        var card = Card(
            new JsonObject { ["type"] = "TextBlock", ["text"] = "Fine" },
            new JsonObject { ["type"] = "Input.Text", ["label"] = "Reason" });

        Assert.Equal(["/body/1 must have required property 'id'"], CardSchema.Errors(card));
    }

    [Fact]
    public void Msteams_is_allowed_on_the_card_only()
    {
        var card = Card(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = "Hello",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        });

        Assert.Equal(["/body/0 must NOT have additional property \"msteams\""], CardSchema.Errors(card));
    }

    [Fact]
    public void A_card_without_version_fails()
    {
        var card = Card(new JsonObject { ["type"] = "TextBlock", ["text"] = "Hello" });
        card.Remove("version");

        Assert.Contains(CardSchema.Errors(card), e => e.Contains("must have required property 'version'"));
    }

    [Fact]
    public void A_nested_problem_inside_a_container_is_reported_at_its_path()
    {
        var card = Card(new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray(new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray(new JsonObject { ["title"] = "Ref" }) }),
        });

        Assert.Equal(["/body/0/items/0/facts/0 must have required property 'value'"], CardSchema.Errors(card));
    }

    [Fact]
    public void An_element_without_type_fails()
    {
        var card = Card(new JsonObject { ["text"] = "Hello" });

        Assert.Equal(["/body/0 must have required property 'type'"], CardSchema.Errors(card));
    }

    [Fact]
    public void A_bad_action_inside_an_action_set_is_reported_for_its_own_type()
    {
        var card = Card(new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open" }),
        });

        Assert.Equal(["/body/0/actions/0 must have required property 'url'"], CardSchema.Errors(card));
    }

    [Fact]
    public void A_bad_enum_value_fails()
    {
        var card = Card(new JsonObject { ["type"] = "TextBlock", ["text"] = "Hello", ["weight"] = "heavy" });

        var error = Assert.Single(CardSchema.Errors(card));
        Assert.StartsWith("/body/0/weight", error);
        Assert.Contains("bolder", error);
    }

    [Fact]
    public void AssertValid_throws_with_the_errors_and_passes_a_valid_card()
    {
        var bad = Card(new JsonObject { ["type"] = "Input.Toggle", ["title"] = "Agree" });
        var good = new AdaptiveCard { Body = [new TextBlock { Text = "Hello" }] }.ToJson();

        var thrown = Assert.Throws<XunitException>(() => CardSchema.AssertValid(bad));
        Assert.Contains("/body/0 must have required property 'id'", thrown.Message);
        CardSchema.AssertValid(good);
    }
}
