using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Tests.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// A practitioner's whole referral in the local Teams client against the real bot: "refer" in the personal chat,
/// the route check, every section typed into the card and sent with its buttons (as the client sends them: the
/// button's data plus every input's value), a second risk, Back, review, submit; then the triage card reaches the
/// coordinators' channel through the outbox, without the person's details.
/// </summary>
[Collection("Azurite")]
public sealed class ReferralJourneyInPlaygroundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>The mock team's channel besides General (infra/playground/mock.yml); checked against the Playground below.</summary>
    private const string CoordinatorsChannel = "channel-partners-id";

    /// <summary>27 March 2026, noon in London: the reference year is 2026 whenever the test runs.</summary>
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));

    private TestBotHost host = null!;
    private PlaygroundSession playground = null!;

    public async Task InitializeAsync()
    {
        host = TestBotHost.Start(azurite,
            new Dictionary<string, string?> { ["Board:CoordinatorsChannelId"] = CoordinatorsChannel },
            services => services.AddSingleton<TimeProvider>(clock));
        playground = await PlaygroundSession.StartAsync(host.MessagesEndpoint);
    }

    public async Task DisposeAsync()
    {
        if (playground is not null) await playground.DisposeAsync();
        if (host is not null) await host.DisposeAsync();
    }

    private string Chat => playground.Config.PersonalChatId;

    /// <summary>The answers typed: the complete test referral with two risks.</summary>
    private static readonly ReferralDraft Answers = Drafts.Complete().WithRiskAdded().WithRisk(2, "Falls on the stairs at night", 5, 4);

    private static readonly string[] PersonalDetails =
        ["Alex Example", "1960-05-01", "1 May 1960", "1 Test Street", "Testtown", "LAS-12345", "943 476 5919",
         "Fire risk from hoarding", "Falls on the stairs", "Long-standing self-neglect", "Refuses home care visits", "Whether to accept care"];

    [Fact]
    public async Task A_whole_referral_typed_in_the_playground_is_submitted_and_the_coordinators_get_a_card_without_personal_details()
    {
        Assert.Contains(CoordinatorsChannel, playground.Config.ChannelIds);
        var card = await StartAsync();

        // Sections 1 to 3, each typed then Next.
        foreach (var section in new[] { ReferralForm.PersonSection, ReferralForm.NeedsSection, ReferralForm.CapacitySection })
        {
            Assert.Contains($"\"{ReferralForm.Find(section)!.Title}\"", card.Card.ToJsonString());
            card = await ClickAsync(card, ReferralVerbs.Next, TypedFor(section, risk: null));
        }

        // Section 4: the general answers and risk 1, then "Add another risk" opens risk 2; type it, then Next.
        Assert.Contains("Section 4 of 6", card.Text);
        card = await ClickAsync(card, ReferralVerbs.AddRisk, TypedFor(ReferralForm.MultiAgencySection, risk: 1));
        Assert.Contains("Risks (2 of at most", card.Text);
        Assert.Contains("Risk 1: Fire risk from hoarding", card.Text);
        card = await ClickAsync(card, ReferralVerbs.Next, TypedFor(ReferralForm.MultiAgencySection, risk: 2));

        // Section 5: typed, then Back once. Nothing typed anywhere is lost.
        Assert.Contains("Section 5 of 6", card.Text);
        card = await ClickAsync(card, ReferralVerbs.Back, TypedFor(ReferralForm.ConcernSection, risk: null));
        Assert.Contains("Section 4 of 6", card.Text);
        Assert.Equal("ASC, GP, police", InputValue(card.Card, F.AgenciesInvolved));
        Assert.Equal("Fire risk from hoarding", InputValue(card.Card, F.Risk(1, F.RiskPart.Worries)));
        Assert.Contains("Risk 2: Falls on the stairs at night (after mitigation: likelihood 5, impact 4)", card.Text);
        card = await ClickAsync(card, ReferralVerbs.Next, new());
        Assert.Contains("Section 5 of 6", card.Text);
        Assert.Equal("Long-standing self-neglect.", InputValue(card.Card, F.SituationOfConcern));
        card = await ClickAsync(card, ReferralVerbs.Next, new());

        // Section 6, then the review with both risks and Submit.
        Assert.Contains("Section 6 of 6", card.Text);
        card = await ClickAsync(card, ReferralVerbs.Next, TypedFor(ReferralForm.SharingSection, risk: null));
        Assert.Contains("Check your answers", card.Text);
        Assert.Contains("Fire risk from hoarding", card.Text);
        Assert.Contains("Falls on the stairs at night", card.Text);
        Assert.DoesNotContain("Some answers need correcting", card.Text);

        var confirmation = await ClickAsync(card, ReferralVerbs.Submit, new());
        Assert.Contains("Referral submitted", confirmation.Text);
        Assert.Contains("SAB-2026-0001", confirmation.Text);
        Assert.Contains("The board's coordinators have been told", confirmation.Text);

        // The triage card: posted by the outbox dispatcher as a new thread in the coordinators' channel.
        var triage = await playground.WaitForMessageAsync(
            m => m.ConversationId.StartsWith(CoordinatorsChannel, StringComparison.Ordinal) && m.AllText.Contains("SAB-2026-0001"), Wait);
        Assert.NotEmpty(triage.AdaptiveCards);
        var posted = triage.Raw.ToJsonString();
        foreach (var personal in PersonalDetails) Assert.DoesNotContain(personal, posted);
        Assert.Contains("Adult Social Care", triage.AllText);
        Assert.DoesNotContain(playground.Messages, m => m.ConversationId != Chat && PersonalDetails.Any(p => m.Raw.ToJsonString().Contains(p)));
    }

    [Fact]
    public async Task A_date_of_birth_in_the_future_or_of_a_child_is_shown_next_to_the_field_and_nothing_stored_is_lost()
    {
        var card = await StartAsync();
        var typed = TypedFor(ReferralForm.PersonSection, risk: null);

        typed[F.PersonDateOfBirth] = "2026-06-01";
        card = await ClickAsync(card, ReferralVerbs.Next, typed);
        Assert.Contains("Section 1 of 6", card.Text);
        Assert.Equal("The date of birth cannot be in the future", ErrorUnder(card.Card, F.PersonDateOfBirth));
        Assert.Equal("2026-06-01", InputValue(card.Card, F.PersonDateOfBirth));
        Assert.Equal("Alex Example", InputValue(card.Card, F.PersonName));

        card = await ClickAsync(card, ReferralVerbs.Next, new() { [F.PersonDateOfBirth] = "2015-06-01" });
        Assert.Equal("The date of birth must make the person 18 or over", ErrorUnder(card.Card, F.PersonDateOfBirth));
        Assert.Equal("1 Test Street, Testtown", InputValue(card.Card, F.PersonAddress));

        // Teams closed: later, "my referrals" and Resume bring back everything typed, the bad date included.
        await playground.SendMessageAsync(Chat, "my referrals");
        var list = await playground.WaitForMessageAsync(m => m.ConversationId == Chat && m.AllText.Contains("Draft referral"), Wait);
        var resumed = await ClickAsync(new ShownCard(list.MessageId!, list.AdaptiveCards.Single()), ReferralVerbs.Resume, new());
        Assert.Contains("Section 1 of 6", resumed.Text);
        Assert.Equal("2015-06-01", InputValue(resumed.Card, F.PersonDateOfBirth));
        Assert.Equal("Alex Example", InputValue(resumed.Card, F.PersonName));
        Assert.Equal("LAS-12345", InputValue(resumed.Card, F.PersonSystemReference));
    }

    /// <summary>A card on screen: the message it lives in (invoke answers replace it in place) and its JSON.</summary>
    private sealed record ShownCard(string MessageId, JsonObject Card)
    {
        public string Text => string.Join("\n", Support.CardText.Of(Card)) + "\n" + Card.ToJsonString();
    }

    /// <summary>Installs the app in the personal chat, types "refer" and answers the three route questions "no".</summary>
    private async Task<ShownCard> StartAsync()
    {
        await playground.InstallAsync(Chat);
        await playground.WaitForMessageAsync(m => m.ConversationId == Chat && m.AllText.Contains("Welcome"), Wait);
        await playground.SendMessageAsync(Chat, "refer");
        var route = await playground.WaitForMessageAsync(m => m.ConversationId == Chat && m.AllText.Contains("Before you start"), Wait);
        var card = await ClickAsync(new ShownCard(route.MessageId!, route.AdaptiveCards.Single()), ReferralVerbs.Route, new()
        {
            [RouteCheck.UrgentRiskFieldId] = "no",
            [RouteCheck.ProfessionalDisagreementFieldId] = "no",
            [RouteCheck.LacksCapacityFieldId] = "no",
        });
        Assert.Contains("Section 1 of 6", card.Text);
        return card;
    }

    /// <summary>The answers of one section (for the risks section: the general answers and risk <paramref name="risk"/>'s).</summary>
    private static Dictionary<string, string?> TypedFor(string sectionId, int? risk) =>
        ReferralForm.Find(sectionId)!.Fields
            .Where(f => f.RiskNumber is null || f.RiskNumber == risk)
            .Where(f => Answers.Get(f.Id) is not null)
            .ToDictionary(f => f.Id, f => Answers.Get(f.Id));

    /// <summary>
    /// Clicks the Action.Execute with <paramref name="verb"/> on the card, as Teams does: the button's data, plus (with
    /// associatedInputs auto) the value of every input on the card, <paramref name="typed"/> replacing what is shown.
    /// Typing into an input the card does not have fails the test.
    /// </summary>
    private async Task<ShownCard> ClickAsync(ShownCard shown, string verb, Dictionary<string, string?> typed)
    {
        var button = Walk(shown.Card).Single(e => (string?)e["type"] == "Action.Execute" && (string?)e["verb"] == verb);
        var data = (JsonObject?)button["data"]?.DeepClone() ?? new JsonObject();
        var inputs = Walk(shown.Card["body"]).Where(e => ((string?)e["type"])?.StartsWith("Input.") == true).ToList();
        foreach (var id in typed.Keys)
            Assert.True(inputs.Any(i => (string?)i["id"] == id), $"The card has no input {id} to type into.");
        if ((string?)button["associatedInputs"] == "auto")
            foreach (var input in inputs)
            {
                var id = (string)input["id"]!;
                var value = typed.TryGetValue(id, out var t) ? t : (string?)input["value"];
                data[id] = value ?? "";
            }

        var answer = await playground.InvokeAsync(Chat, shown.MessageId, verb, data);
        Assert.True(answer.HttpStatus == 200, $"{verb}: HTTP {answer.HttpStatus} {answer.Body?.ToJsonString()}");
        Assert.True(answer.Type == "application/vnd.microsoft.card.adaptive", $"{verb} answered {answer.Body?.ToJsonString()}");
        return new ShownCard(shown.MessageId, answer.Value!.AsObject());
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private static string? InputValue(JsonObject card, string id) =>
        (string?)Walk(card["body"]).Single(e => (string?)e["id"] == id)["value"];

    /// <summary>The red text right under an input (before the next input), or null.</summary>
    private static string? ErrorUnder(JsonObject card, string id)
    {
        var elements = Walk(card["body"]).ToList();
        var at = elements.FindIndex(e => (string?)e["id"] == id);
        return elements.Skip(at + 1).TakeWhile(e => ((string?)e["type"])?.StartsWith("Input.") != true)
            .Where(e => (string?)e["type"] == "TextBlock" && (string?)e["color"] == "attention")
            .Select(e => (string?)e["text"]).FirstOrDefault();
    }
}
