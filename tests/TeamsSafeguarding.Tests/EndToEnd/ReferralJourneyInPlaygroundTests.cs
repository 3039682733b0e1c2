using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Tests.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using static TeamsSafeguarding.Tests.EndToEnd.MockBoard;

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
    private static readonly TimeSpan Wait = PlaygroundDriver.Wait;

    /// <summary>27 March 2026, noon in London: the reference year is 2026 whenever the test runs.</summary>
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));

    private BotInPlayground rig = null!;
    private TestBotHost host => rig.Host;
    private PlaygroundSession playground => rig.Playground;
    private PlaygroundDriver driver => rig.Driver;

    public async Task InitializeAsync() => rig = await BotInPlayground.StartAsync(azurite, clock);

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
    }

    private string Chat => playground.Config.PersonalChatId;

    /// <summary>The answers typed: the complete test referral with two risks.</summary>
    private static readonly ReferralDraft Answers = Drafts.Complete().WithRiskAdded().WithRisk(2, "Falls on the stairs at night", 5, 4);

    private static readonly string[] PersonalDetails = [.. MockBoard.PersonalDetails, "Falls on the stairs"];

    [Fact]
    public async Task A_whole_referral_typed_in_the_playground_is_submitted_and_the_coordinators_get_a_card_without_personal_details()
    {
        Assert.Contains(CoordinatorsChannel, playground.Config.ChannelIds);
        var card = await driver.StartReferralAsync();

        string Step(int n) => $"Step {n} of {ReferralForm.Sections.Count}";

        // Steps 1 to 7, each typed then Next.
        foreach (var section in ReferralForm.Sections.TakeWhile(s => s.Id != ReferralForm.RisksSection))
        {
            Assert.Contains(ReferralForm.Find(section.Id)!.Title, card.Text);
            card = await driver.ClickAsync(card, ReferralVerbs.Next, PlaygroundDriver.TypedFor(Answers, section.Id, risk: null));
        }

        // Step 8, the risks: risk 1, then "Add another risk" (a row) opens risk 2; type it, then Next.
        Assert.Contains(Step(8), card.Text);
        card = await driver.ClickAsync(card, ReferralVerbs.AddRisk, PlaygroundDriver.TypedFor(Answers, ReferralForm.RisksSection, risk: 1));
        Assert.Contains("Risks (2 of at most", card.Text);
        Assert.Contains("Fire risk from hoarding", card.Text);
        card = await driver.ClickAsync(card, ReferralVerbs.Next, PlaygroundDriver.TypedFor(Answers, ReferralForm.RisksSection, risk: 2));

        // Step 9: typed, then Back once. Nothing typed anywhere is lost.
        Assert.Contains(Step(9), card.Text);
        card = await driver.ClickAsync(card, ReferralVerbs.Back, PlaygroundDriver.TypedFor(Answers, ReferralForm.ConcernSection, risk: null));
        Assert.Contains(Step(8), card.Text);
        Assert.Equal("Fire risk from hoarding", card.InputValue(F.Risk(1, F.RiskPart.Worries)));
        Assert.Contains("Falls on the stairs at night (after mitigation", card.Text);
        card = await driver.ClickAsync(card, ReferralVerbs.Next, new());
        Assert.Contains(Step(9), card.Text);
        Assert.Equal("Long-standing self-neglect.", card.InputValue(F.SituationOfConcern));
        card = await driver.ClickAsync(card, ReferralVerbs.Next, new());

        // Steps 10 to 12, then "Check your answers", a row per step; the risks step's page lists both risks; Submit.
        foreach (var section in new[] { ReferralForm.CriteriaSection, ReferralForm.SharingSection, ReferralForm.SignOffSection })
        {
            Assert.Contains(ReferralForm.Progress(section), card.Text);
            card = await driver.ClickAsync(card, ReferralVerbs.Next, PlaygroundDriver.TypedFor(Answers, section, risk: null));
        }
        Assert.Contains("Check your answers", card.Text);
        Assert.DoesNotContain("need correcting", card.Text);
        var risks = await driver.ClickAsync(card, ReferralVerbs.ReviewStep, withData: (ReferralVerbs.StepKey, ReferralForm.RisksSection));
        Assert.Contains("Fire risk from hoarding", risks.Text);
        Assert.Contains("Falls on the stairs at night", risks.Text);
        card = await driver.ClickAsync(risks, ReferralVerbs.Review);

        var confirmation = await driver.ClickAsync(card, ReferralVerbs.Submit, new());
        Assert.Contains("Referral submitted", confirmation.Text);
        Assert.Contains("SAB-2026-0001", confirmation.Text);
        Assert.Contains("The board's coordinators have been told", confirmation.Text);

        // The triage card: posted by the outbox dispatcher as a new thread in the coordinators' channel.
        var triage = await playground.WaitForMessageAsync(
            m => m.ConversationId == CoordinatorsChannel && m.AllText.Contains("SAB-2026-0001"), Wait);
        Assert.NotEmpty(triage.AdaptiveCards);
        var posted = triage.Raw.ToJsonString();
        foreach (var personal in PersonalDetails) Assert.DoesNotContain(personal, posted);
        Assert.Contains("Adult Social Care", triage.AllText);
        Assert.DoesNotContain(playground.Messages, m => m.ConversationId != Chat && PersonalDetails.Any(p => m.Raw.ToJsonString().Contains(p)));
    }

    [Fact]
    public async Task A_date_of_birth_in_the_future_or_of_a_child_is_shown_next_to_the_field_and_nothing_stored_is_lost()
    {
        var card = await driver.StartReferralAsync();
        var typed = PlaygroundDriver.TypedFor(Answers, ReferralForm.PersonSection, risk: null);

        typed[F.PersonDateOfBirth] = "2026-06-01";
        card = await driver.ClickAsync(card, ReferralVerbs.Next, typed);
        Assert.Contains($"Step 1 of {ReferralForm.Sections.Count}", card.Text);
        Assert.Equal("The date of birth cannot be in the future", PlaygroundDriver.ErrorUnder(card.Card, F.PersonDateOfBirth));
        Assert.Equal("2026-06-01", card.InputValue(F.PersonDateOfBirth));
        Assert.Equal("Alex Example", card.InputValue(F.PersonName));

        card = await driver.ClickAsync(card, ReferralVerbs.Next, new() { [F.PersonDateOfBirth] = "2015-06-01" });
        Assert.Equal("The date of birth must make the person 18 or over", PlaygroundDriver.ErrorUnder(card.Card, F.PersonDateOfBirth));
        Assert.Equal("1 Test Street, Testtown", card.InputValue(F.PersonAddress));

        // Teams closed: later, "my referrals" (the draft named by the day it was started), its row, and Resume bring back
        // everything typed, the bad date included.
        await playground.SendMessageAsync(Chat, "my referrals");
        var list = await playground.WaitForMessageAsync(m => m.ConversationId == Chat && m.AllText.Contains("Draft started"), Wait);
        var opened = await driver.ClickAsync(driver.CardOf(list), ReferralVerbs.Open, new());
        var resumed = await driver.ClickAsync(opened, ReferralVerbs.Resume, new());
        Assert.Contains($"Step 1 of {ReferralForm.Sections.Count}", resumed.Text);
        Assert.Equal("2015-06-01", resumed.InputValue(F.PersonDateOfBirth));
        Assert.Equal("Alex Example", resumed.InputValue(F.PersonName));
        Assert.Equal("LAS-12345", resumed.InputValue(F.PersonSystemReference));
    }
}
