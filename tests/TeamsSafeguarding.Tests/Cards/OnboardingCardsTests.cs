using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Onboarding;
using Xunit;
using static TeamsSafeguarding.Tests.Cards.CardJsonQuery;

namespace TeamsSafeguarding.Tests.Cards;

public class OnboardingCardsTests
{
    [Fact]
    public void Welcome_explains_the_purpose_and_offers_the_three_buttons()
    {
        var card = WelcomeCard.Build(new WelcomeCardInput()).ToJson();

        Assert.Contains("statutory partners", AllText(card));
        Assert.Contains("senior management review", AllText(card));
        Assert.Equal("referral.start", (string?)Button(card, "Start a referral")["verb"]);
        Assert.Equal("referral.list", (string?)Button(card, "My referrals")["verb"]);
        Assert.Equal("welcome.howItWorks", (string?)Button(card, "How this works")["verb"]);
        Assert.Equal("positive", (string?)Button(card, "Start a referral")["style"]);
    }

    [Fact]
    public void How_it_works_lists_the_stages_with_the_working_day_clocks_and_goes_back()
    {
        var card = WelcomeCard.HowItWorks().ToJson();
        var text = AllText(card);

        Assert.Contains("draft", text);
        Assert.Contains("deputy manager", text);
        Assert.Contains("5 working days", text);
        Assert.Contains("10 working days", text);
        Assert.Contains("senior management review meeting", text);
        Assert.Contains("agreed without a meeting", text);
        Assert.Equal("welcome.show", (string?)Button(card, "Back")["verb"]);
    }

    [Fact]
    public void Both_welcome_cards_say_which_card_was_clicked()
    {
        var actions = ExecuteActions(WelcomeCard.Build(new WelcomeCardInput()).ToJson())
            .Concat(ExecuteActions(WelcomeCard.HowItWorks().ToJson()));

        Assert.All(actions, a => Assert.Equal("""{"card":"welcome"}""", a["data"]!.ToJsonString()));
    }

    [Fact]
    public void Welcome_names_the_board_safely()
    {
        var named = AllText(WelcomeCard.Build(new WelcomeCardInput("Northshire SAB")).ToJson());
        var hostile = AllText(WelcomeCard.Build(new WelcomeCardInput("[Board](https://evil.example)")).ToJson());

        Assert.Contains("Northshire SAB's statutory partners", named);
        Assert.DoesNotContain("](", hostile, StringComparison.Ordinal);
    }

    [Fact]
    public void Team_introduction_says_when_no_channel_is_set_up()
    {
        var card = TeamIntroductionCard.Build(new TeamIntroductionInput(null, "  ")).ToJson();
        var facts = Facts(card);

        Assert.Equal(TeamIntroductionCard.NotSetUp, facts["Coordinators"]);
        Assert.Equal(TeamIntroductionCard.NotSetUp, facts["Statutory partners"]);
        Assert.Contains("No channels are set up yet", AllText(card));
    }

    [Fact]
    public void Team_introduction_names_the_configured_channels()
    {
        var card = TeamIntroductionCard.Build(new TeamIntroductionInput("SAB coordinators", null)).ToJson();
        var facts = Facts(card);

        Assert.Equal("SAB coordinators", facts["Coordinators"]);
        Assert.Equal(TeamIntroductionCard.NotSetUp, facts["Statutory partners"]);
        Assert.DoesNotContain("No channels are set up yet", AllText(card));
    }

    [Fact]
    public void Team_introduction_shows_channel_names_as_typed_text_only()
    {
        var card = TeamIntroductionCard.Build(new TeamIntroductionInput("**Partners** [x](https://evil.example)", null)).ToJson();

        Assert.Equal(CardText.Plain("**Partners** [x](https://evil.example)", maxLength: 80), Facts(card)["Coordinators"]);
    }

    [Fact]
    public void Team_introduction_warns_to_keep_personal_details_out_of_channels()
    {
        Assert.Contains("don't type names", AllText(TeamIntroductionCard.Build(new TeamIntroductionInput(null, null)).ToJson()));
    }

    [Theory]
    [InlineData(ConversationPlace.PersonalChat, false)]
    [InlineData(ConversationPlace.GroupChat, false)]
    [InlineData(ConversationPlace.Channel, true)]
    public void Help_lists_the_commands_and_roles_only_in_channels(ConversationPlace place, bool listsRoles)
    {
        var facts = Facts(HelpCard.Build(new HelpCardInput(place)).ToJson());

        Assert.Contains("refer or new referral", facts.Keys);
        Assert.Contains("my referrals", facts.Keys);
        Assert.Contains("help", facts.Keys);
        Assert.Equal(listsRoles, facts.ContainsKey("roles"));
        Assert.Equal(listsRoles, facts.ContainsKey("case SAB-2026-0007"));
    }

    [Fact]
    public void Help_offers_referral_buttons_in_the_private_chat_only_and_asks_for_a_mention_elsewhere()
    {
        var personal = HelpCard.Build(new HelpCardInput(ConversationPlace.PersonalChat)).ToJson();
        var channel = HelpCard.Build(new HelpCardInput(ConversationPlace.Channel)).ToJson();

        Assert.Equal(["referral.start", "referral.list"], ExecuteActions(personal).Select(a => (string?)a["verb"]));
        Assert.Empty(ExecuteActions(channel));
        Assert.Contains("@mention me", AllText(channel));
        Assert.DoesNotContain("@mention", AllText(personal));
    }

    [Fact]
    public void Hint_points_to_help_without_repeating_what_was_typed()
    {
        var card = HintCard.Build(ConversationPlace.Channel).ToJson();

        Assert.Contains("didn't understand", AllText(card));
        Assert.Contains("@mention me and type **help**", AllText(card));
        Assert.Equal("help.show", (string?)Button(card, "Show help")["verb"]);
        Assert.Equal("Sorry, I didn't understand that. Type **help** to see what I can do.", HintCard.Text(ConversationPlace.PersonalChat));
    }

    private static Dictionary<string, string> Facts(JsonObject card) =>
        Objects(card).Where(o => (string?)o["type"] == "FactSet")
            .SelectMany(o => o["facts"]!.AsArray())
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
}
