using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;
using static TeamsSafeguarding.Tests.EndToEnd.MockBoard;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// Issue #4's "the flow works in the Agents Playground with several mock users", automated: the real bot host with
/// its Development settings (bot/appsettings.Development.json: coordinators in General, partners in their channel,
/// three partner agencies), the real Playground, and its mock people clicking the cards the bot posts:
/// Alex Wilber (coordinator and deputy board manager, also the referrer), Megan Bowen and Lynne Robbins (local
/// authority), Adele Vance (police), Isaiah Langer (NHS integrated care board), Patti Fernandez (chair).
/// </summary>
[Collection("Azurite")]
public sealed class BoardSideInPlaygroundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>
    /// Friday 27 March 2026, 10:00 in London (still GMT). Five and ten working days on, around Good Friday (3 April)
    /// and Easter Monday (6 April): Tuesday 7 April and Tuesday 14 April.
    /// </summary>
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.Zero));

    private BotInPlayground rig = null!;
    private TestBotHost host => rig.Host;
    private PlaygroundSession playground => rig.Playground;
    private PlaygroundDriver driver => rig.Driver;

    // No board settings here: the Development file's own, as bound by the real host.
    public async Task InitializeAsync() => rig = await BotInPlayground.StartAsync(azurite, clock);

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
    }

    private string Chat => driver.Chat;

    private const string MeganRationale = "Single-agency work by the local authority is under way; review by email.";
    private const string AdeleRationale = "No police role beyond the existing welfare checks.";
    private const string ResponseRationale = "The partners agree that an email review and the agreed actions are proportionate.";
    private const string ActionText = "Arrange a joint visit with the GP";

    [Fact]
    public async Task Partners_decide_no_meeting_by_early_majority_and_the_referrer_gets_the_agreed_response()
    {
        Assert.Contains(CoordinatorsChannel, playground.Config.ChannelIds);
        Assert.Contains(PartnersChannel, playground.Config.ChannelIds);
        var reference = await SubmitAsync();

        // 1. Triage in the coordinators' channel (General): Alex, the deputy board manager, marks the five checks met.
        var triage = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Triage referral {reference}"));
        Assert.Contains("Adult Social Care", triage.Text);
        var details = await driver.ClickAsync(triage, TriageVerbs.ShowDetails);
        Assert.Contains("Alex Example", details.Text);
        var triaged = await driver.ClickAsync(triage, TriageVerbs.Send, AllChecks(TriageCard.Met));
        Assert.Contains($"Referral {reference}: Sent to statutory partners", triaged.Text);
        Assert.Contains("27 March 2026", triaged.Text);

        // The partners' card in their channel: due dates in London working days, no view yet from any of the three.
        var partners = await driver.WaitForCardAsync(m => InChannel(m, PartnersChannel) && m.AllText.Contains($"Referral {reference}: statutory partners' views"));
        Assert.Equal("7 April 2026", Fact(partners, "Views due"));
        Assert.Equal("14 April 2026", Fact(partners, "Decision due"));
        Assert.Equal("0 of 3", Fact(partners, "Views given"));
        Assert.Empty(partners.Buttons);

        // 2. Monday: Megan (local authority) opens the card (Teams' refresh gives her her own view) and says no meeting.
        clock.Advance(TimeSpan.FromDays(3));
        var megans = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Megan);
        Assert.Contains("Your agency's view (Local authority)", megans.Text);
        megans = await driver.ClickAsync(megans, PartnersVerbs.GiveView,
            new() { [PartnersCard.ChoiceId] = PartnersCard.NoMeeting, [PartnersCard.RationaleId] = MeganRationale }, asUser: Megan);
        Assert.Equal("1 of 3", Fact(megans, "Views given"));
        Assert.Equal(PartnersCard.NoMeeting, megans.InputValue(PartnersCard.ChoiceId));
        var shared = await UpdateOfPartnersCardAsync(m => m.AllText.Contains("Views given") && Fact(driver.CardOf(m), "Views given") == "1 of 3");
        Assert.Contains("Local authority: No meeting", shared.Text);
        Assert.Contains(MeganRationale, shared.Text);
        Assert.Contains("Police: No view yet", shared.Text);
        Assert.Empty(shared.Buttons);

        // Isaiah (NHS) opens his card now, and leaves it for later.
        var isaiahs = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Isaiah);
        Assert.Contains("Your agency's view (NHS integrated care board)", isaiahs.Text);

        // Lynne is in the local authority too: her card shows her agency's view, Megan's, to change if she must.
        var lynnes = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Lynne);
        Assert.Equal(PartnersCard.NoMeeting, lynnes.InputValue(PartnersCard.ChoiceId));
        Assert.Equal(MeganRationale, lynnes.InputValue(PartnersCard.RationaleId));

        // Patti chairs the board but is in no partner agency: she sees the card without the choice, and a stale
        // "Give view" from her is refused politely.
        var pattis = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Patti);
        Assert.DoesNotContain("Your agency's view", pattis.Text);
        Assert.Empty(pattis.Buttons);
        var refused = await driver.ClickForMessageAsync(lynnes, PartnersVerbs.GiveView,
            new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.RationaleId] = "I think we should meet." }, asUser: Patti);
        Assert.Equal("Only members of the statutory partner agencies can give a view on this referral.", refused);

        // Adele (police) takes the way in the Playground offers everyone: "case <reference>" in the partners' channel,
        // then "Give or change my view" on the answer. Her "no meeting" is the second of three: an early majority.
        await playground.SendMessageAsync(PartnersChannel, $"case {reference}", mentionBot: true);
        var shownAgain = await driver.WaitForCardAsync(m => m.ConversationId.StartsWith(PartnersChannel + ";", StringComparison.Ordinal)
            && m.AllText.Contains("Give or change my view"));
        var adeles = await driver.ClickAsync(shownAgain, PartnersVerbs.Refresh, asUser: Adele);
        Assert.Contains("Your agency's view (Police)", adeles.Text);
        adeles = await driver.ClickAsync(adeles, PartnersVerbs.GiveView,
            new() { [PartnersCard.ChoiceId] = PartnersCard.NoMeeting, [PartnersCard.RationaleId] = AdeleRationale }, asUser: Adele);
        const string decision = "Decision: No meeting (email review / further single-agency work required) (Early majority, 30 March 2026)";
        Assert.Contains(decision, adeles.Text);
        Assert.Empty(adeles.Buttons);
        shared = await UpdateOfPartnersCardAsync(m => m.AllText.Contains(decision));
        Assert.Equal("Decided", Fact(shared, "Stage"));
        Assert.Equal("2 of 3", Fact(shared, "Views given"));
        Assert.Contains(AdeleRationale, shared.Text);
        Assert.DoesNotContain("Action needed", shared.Text);

        // Isaiah comes back too late: the click on the card he left open is refused with the reason, and his card
        // opened now has no voting buttons.
        var tooLate = await driver.ClickForMessageAsync(isaiahs, PartnersVerbs.GiveView,
            new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.RationaleId] = "We should meet." }, asUser: Isaiah);
        Assert.Contains("The statutory partners' decision has already been made", tooLate);
        Assert.Contains("No meeting", tooLate);
        isaiahs = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Isaiah);
        Assert.Contains(decision, isaiahs.Text);
        Assert.Empty(isaiahs.Buttons);

        // 3. The decision notices: the referrer's, and the coordinators' with the button to record the agreed response.
        var referrersNotice = await driver.WaitForCardAsync(m => m.ConversationId == Chat && m.AllText.Contains($"Referral {reference}: the statutory partners have decided"));
        Assert.Equal("Early majority", Fact(referrersNotice, "How"));
        Assert.Empty(referrersNotice.Buttons);
        var notice = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {reference}: the statutory partners have decided"));
        Assert.Equal("30 March 2026", Fact(notice, "Date"));
        var form = await driver.ClickAsync(notice, PartnersVerbs.OpenResponse);
        var recorded = await driver.ClickAsync(form, PartnersVerbs.RecordResponse, new()
        {
            [AgreedResponseCard.RationaleId] = ResponseRationale,
            [AgreedResponseCard.ActionId(0, "description")] = ActionText,
            [AgreedResponseCard.ActionId(0, "owner")] = "Adult Social Care",
            [AgreedResponseCard.ActionId(0, "due")] = "2026-04-20",
        });
        Assert.Contains($"Referral {reference}: agreed response recorded", recorded.Text);
        Assert.Equal("1", Fact(recorded, "Further actions"));
        Assert.DoesNotContain(ResponseRationale, recorded.Text);

        // The referrer's feedback, in Alex's personal chat: the decision, the rationale and the action.
        var feedback = await driver.WaitForCardAsync(m => m.ConversationId == Chat && m.AllText.Contains($"Referral {reference}: the statutory partners' response"));
        Assert.Equal("Early majority", Fact(feedback, "How"));
        Assert.Equal("30 March 2026", Fact(feedback, "Date"));
        Assert.Contains(ResponseRationale, feedback.Text);
        Assert.Equal(ActionText, Fact(feedback, "Action"));
        Assert.Equal("Adult Social Care", Fact(feedback, "Owner"));
        Assert.Equal("20 April 2026", Fact(feedback, "By"));
        var closedNotice = await playground.WaitForMessageAsync(m => m.Action == "updateMessage" && InChannel(m, CoordinatorsChannel)
            && m.AllText.Contains("Agreed response recorded on 30 March 2026 and fed back to the referrer. Case closed."), PlaygroundDriver.Wait);
        Assert.Empty(driver.CardOf(closedNotice).Buttons);

        // Nothing about the person, and not the response fed back to the referrer, in any channel.
        AssertNothingPrivateInChannels(ResponseRationale, ActionText);
        AssertNothingPrivateOutsideTheCase(ResponseRationale, ActionText, MeganRationale, AdeleRationale);
    }

    [Fact]
    public async Task A_returned_referral_is_amended_by_the_referrer_and_comes_back_to_triage_as_version_2()
    {
        var reference = await SubmitAsync();
        var triage = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Triage referral {reference}"));
        Assert.Equal("1", Fact(triage, "Version"));

        // Alex triages: the capacity evidence is not met; he returns it with a note.
        const string note = "Please add who assessed capacity for the decision about care at home, and when.";
        var checks = AllChecks(TriageCard.Met);
        var unmet = TriageChecklist.All[2];
        checks[unmet.FieldId] = TriageCard.NotMet;
        checks[TriageCard.ReturnNoteId] = note;
        var outcome = await driver.ClickAsync(triage, TriageVerbs.Return, checks);
        Assert.Contains($"Referral {reference}: Returned to referrer", outcome.Text);
        Assert.Equal(unmet.Name, Fact(outcome, "Not met"));
        Assert.DoesNotContain(note, outcome.Text);

        // The referrer (Alex's personal chat) gets the returned card with the note and the way to amend.
        var returned = await driver.WaitForCardAsync(m => m.ConversationId == Chat && m.AllText.Contains($"Referral {reference} has been returned to you"));
        Assert.Contains(note, returned.Text);
        Assert.Contains("- " + unmet.Name, returned.Text);
        Assert.Equal([TriageVerbs.Resume], returned.Buttons);

        // Amend: back to the review, edit the capacity section, resubmit.
        var review = await driver.ClickAsync(returned, TriageVerbs.Resume);
        Assert.Contains("Check your answers", review.Text);
        var section = await driver.ClickAsync(review, ReferralVerbs.Edit, withData: (ReferralVerbs.StepKey, ReferralForm.CapacitySection));
        Assert.Contains("Section 3 of 6", section.Text);
        const string assessedBy = "Dr A, consultant psychiatrist, at a home visit";
        section = await driver.ClickAsync(section, ReferralVerbs.Next, new() { [F.CapacityAssessedBy] = assessedBy });
        var card = section;
        for (var i = 0; i < 4 && !card.Text.Contains("Check your answers"); i++)
            card = await driver.ClickAsync(card, ReferralVerbs.Next);
        Assert.Contains("Check your answers", card.Text);
        Assert.Contains(assessedBy, card.Text);
        var confirmation = await driver.ClickAsync(card, ReferralVerbs.Submit);
        Assert.Contains(reference, confirmation.Text);
        Assert.Equal("2", Fact(confirmation, "Version"));

        // A new triage card for version 2 of the same reference.
        var second = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Triage referral {reference}")
            && m.Action == "createMessage" && m.MessageId != triage.MessageId);
        Assert.Equal("2", Fact(second, "Version"));
        Assert.Contains(TriageVerbs.Send, second.Buttons);

        AssertNothingPrivateInChannels(note);
    }

    /// <summary>Alex's whole referral from "refer" to the confirmation; its reference.</summary>
    private async Task<string> SubmitAsync()
    {
        var confirmation = await driver.SubmitReferralAsync(Drafts.Complete());
        Assert.Contains("SAB-2026-0001", confirmation.Text);
        return "SAB-2026-0001";
    }

    private static Dictionary<string, string?> AllChecks(string result) =>
        TriageChecklist.All.ToDictionary(c => c.FieldId, _ => (string?)result);

    /// <summary>
    /// After the journey, no stored row outside the case's own partition ("case|…": its access rules, its retention)
    /// holds the person's details or what the board typed about them: not the redelivery guards, the conversations'
    /// outboxes, the people's rows or the reference index.
    /// </summary>
    private void AssertNothingPrivateOutsideTheCase(params string[] alsoPrivate)
    {
        var table = host.Services.GetRequiredService<Azure.Data.Tables.TableClient>();
        var outside = table.Query<Azure.Data.Tables.TableEntity>().Where(r => !r.PartitionKey.StartsWith("case|", StringComparison.Ordinal)).ToList();
        Assert.Contains(outside, r => r.PartitionKey.StartsWith("dedupe|", StringComparison.Ordinal));
        foreach (var row in outside)
        {
            var stored = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
            foreach (var secret in PersonalDetails.Concat(alsoPrivate))
                Assert.False(stored.Contains(secret, StringComparison.OrdinalIgnoreCase), $"\"{secret}\" is kept in {row.PartitionKey} / {row.RowKey}");
        }
    }

    /// <summary>A bot message in <paramref name="channelId"/>: a new post (its own thread) or a reply in one.</summary>
    private static bool InChannel(PlaygroundMessage m, string channelId) =>
        m.ConversationId == channelId || m.ConversationId.StartsWith(channelId + ";", StringComparison.Ordinal);

    /// <summary>The shared partners' card as updated in place in the partners' channel.</summary>
    private async Task<ShownCard> UpdateOfPartnersCardAsync(Func<PlaygroundMessage, bool> predicate) =>
        driver.CardOf(await playground.WaitForMessageAsync(
            m => m.Action == "updateMessage" && InChannel(m, PartnersChannel) && m.AdaptiveCards.Any() && predicate(m), PlaygroundDriver.Wait));

    /// <summary>The value of the fact titled <paramref name="title"/> (exactly one on the card).</summary>
    private static string? Fact(ShownCard card, string title) =>
        (string?)PlaygroundDriver.Walk(card.Card["body"])
            .Where(e => (string?)e["type"] == "FactSet")
            .SelectMany(e => e["facts"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>())
            .Single(f => (string?)f["title"] == title)["value"];

    /// <summary>
    /// No personal details of the person (nor <paramref name="alsoPrivate"/>) in any channel message, and the bot
    /// answered every request of the journey without failing (a 5xx shows nothing in the client, so it could hide).
    /// </summary>
    private void AssertNothingPrivateInChannels(params string[] alsoPrivate)
    {
        var failures = playground.Log.Where(l => l.StatusCode >= 500).Select(l => $"{l.Type} {l.ActivityName} {l.ConversationId} -> {l.StatusCode}").ToList();
        Assert.True(failures.Count == 0, "The bot failed: " + string.Join("; ", failures));
        Assert.Contains(playground.Log, l => l.StatusCode == 200);

        var channelMessages = playground.Messages.Where(m => m.ConversationId != Chat).ToList();
        Assert.NotEmpty(channelMessages);
        foreach (var message in channelMessages)
        {
            var posted = message.Raw.ToJsonString();
            foreach (var secret in PersonalDetails.Concat(alsoPrivate))
                Assert.False(posted.Contains(secret), $"\"{secret}\" was shown in {message.ConversationId}: {posted}");
        }
    }
}
