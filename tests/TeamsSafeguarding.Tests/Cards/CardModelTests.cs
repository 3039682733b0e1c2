using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using Xunit;

namespace TeamsSafeguarding.Tests.Cards;

public class CardModelTests
{
    private static readonly JsonObject CaseData = new() { ["card"] = "test", ["referralId"] = "R-1" };

    /// <summary>Every element and property the model offers, in one card.</summary>
    internal static AdaptiveCard EverythingCard() => new()
    {
        Refresh = new CardRefresh
        {
            Action = new ExecuteAction { Title = "Refresh", Verb = "referral.view", Data = CaseData },
            UserIds = ["29:abc"],
        },
        Body =
        [
            new TextBlock
            {
                Text = "Title", Weight = TextWeight.Bolder, Size = TextSize.ExtraLarge, Color = TextColor.Attention,
                IsSubtle = true, MaxLines = 2, Spacing = Spacing.ExtraLarge, Separator = true,
            },
            new FactSet { Facts = [new Fact("Case ref", "SAB-1")], Spacing = Spacing.Small },
            new Container
            {
                Style = ContainerStyle.Emphasis, Separator = true,
                Items = [new TextBlock { Text = "Inside" }],
            },
            new ColumnSet
            {
                Columns =
                [
                    new Column { Width = ColumnWidth.Auto, Items = [new TextBlock { Text = "A" }] },
                    new Column { Width = ColumnWidth.Stretch, Items = [new TextBlock { Text = "B" }] },
                    new Column { Width = ColumnWidth.Weight(2), Items = [new TextBlock { Text = "C" }] },
                    new Column { Width = ColumnWidth.Pixels(80), Items = [new TextBlock { Text = "D" }] },
                ],
            },
            new TextInput
            {
                Id = "reason", Label = "Reason", Placeholder = "Why", IsMultiline = true, MaxLength = 500,
                IsRequired = true, ErrorMessage = "Say why", Value = "x", Regex = "^.+$",
            },
            new NumberInput { Id = "count", Label = "Count", Min = 0, Max = 10, Value = 2.5 },
            new DateInput
            {
                Id = "meeting", Label = "Meeting date", Min = new DateOnly(2025, 1, 2), Max = new DateOnly(2025, 12, 31),
                Value = new DateOnly(2025, 3, 4),
            },
            new ToggleInput { Id = "consent", Title = "Consent given", Value = "yes", ValueOn = "yes", ValueOff = "no" },
            new ChoiceSetInput
            {
                Id = "agency", Label = "Agency", Style = ChoiceInputStyle.Expanded, IsMultiSelect = true, Value = "police,icb",
                Choices = [new Choice("Police", "police"), new Choice("NHS ICB", "icb")],
            },
            new ActionSet
            {
                Actions =
                [
                    new ExecuteAction
                    {
                        Title = "Cancel", Verb = "referral.cancel", AssociatedInputs = AssociatedInputs.None,
                        Style = ActionStyle.Destructive, Data = CaseData,
                    },
                ],
            },
        ],
        Actions =
        [
            new ExecuteAction { Title = "Send", Verb = "referral.submit", Style = ActionStyle.Positive, Data = CaseData },
            new ShowCardAction
            {
                Title = "Add a note",
                Card = new AdaptiveCard { Body = [new TextInput { Id = "note", Label = "Note" }] },
            },
            new OpenUrlAction { Title = "Board procedures", Url = new Uri("https://example.org/procedures") },
        ],
    };

    [Fact]
    public void Every_element_of_the_model_is_valid_against_the_official_schema()
    {
        CardSchema.AssertValid(EverythingCard().ToJson());
    }

    [Fact]
    public void The_card_is_version_1_5_full_width_in_teams()
    {
        var json = new AdaptiveCard().ToJson();

        Assert.Equal("""{"type":"AdaptiveCard","version":"1.5","msteams":{"width":"Full"},"body":[]}""", json.ToJsonString());
    }

    [Fact]
    public void Values_are_camelCase_and_unset_properties_are_left_out()
    {
        var text = new TextBlock { Text = "Hi", Weight = TextWeight.Bolder, Size = TextSize.ExtraLarge }.ToJson();

        Assert.Equal("""{"type":"TextBlock","text":"Hi","wrap":true,"weight":"bolder","size":"extraLarge"}""", text.ToJsonString());
    }

    [Fact]
    public void Dates_are_written_as_yyyy_MM_dd()
    {
        var json = new DateInput { Id = "d", Value = new DateOnly(2025, 3, 4), Min = new DateOnly(2025, 1, 2) }.ToJson();

        Assert.Equal("2025-03-04", json["value"]!.GetValue<string>());
        Assert.Equal("2025-01-02", json["min"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_action_writes_verb_data_and_styles()
    {
        var json = new ExecuteAction
        {
            Title = "Cancel", Verb = "referral.cancel", Data = CaseData,
            AssociatedInputs = AssociatedInputs.None, Style = ActionStyle.Destructive,
        }.ToJson();

        Assert.Equal(
            """{"type":"Action.Execute","title":"Cancel","verb":"referral.cancel","data":{"card":"test","referralId":"R-1"},"associatedInputs":"none","style":"destructive"}""",
            json.ToJsonString());
    }

    [Fact]
    public void A_card_can_be_written_twice_although_its_data_object_is_shared()
    {
        var card = EverythingCard();

        Assert.Equal(card.ToJson().ToJsonString(), card.ToJson().ToJsonString());
    }

    [Fact]
    public void An_empty_refresh_user_list_is_kept_because_it_means_manual_refresh_only()
    {
        var card = new AdaptiveCard
        {
            Refresh = new CardRefresh { Action = new ExecuteAction { Title = "r", Verb = "v" }, UserIds = [] },
        }.ToJson();

        Assert.Equal("[]", card["refresh"]!["userIds"]!.ToJsonString());
        Assert.Null(new CardRefresh { Action = new ExecuteAction { Title = "r", Verb = "v" } }.ToJson()["userIds"]);
    }

    [Fact]
    public void A_shown_card_carries_no_teams_width_or_refresh_of_its_own()
    {
        var json = EverythingCard().ToJson();
        var shown = json["actions"]![1]!["card"]!.AsObject();

        Assert.False(shown.ContainsKey("msteams"));
        Assert.False(shown.ContainsKey("refresh"));
        Assert.Equal("Input.Text", shown["body"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Attachment_wraps_the_card_with_the_adaptive_card_content_type()
    {
        var attachment = CardAttachment.From(new AdaptiveCard { Body = [new TextBlock { Text = "Hi" }] });

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("Hi", attachment["content"]!["body"]![0]!["text"]!.GetValue<string>());
    }
}
