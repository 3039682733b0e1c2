using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Triage;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Tests.Support;
using Xunit;
using static TeamsSafeguarding.Tests.EndToEnd.PlaygroundDriver;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;
using static TeamsSafeguarding.Tests.EndToEnd.MockBoard;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// The partners' clocks in the Agents Playground: the real bot host (Development settings: three agencies, the chair
/// casts), the real Playground and its mock people, and a fake clock moved on by hand. The deadline sweep is the
/// host's own <see cref="PartnerDeadlines"/>, run once after each move of the clock rather than waiting for its timer
/// (its timer may also fire on the move; a sweep racing it loses cleanly, so only the messages shown are asserted).
///
/// Dates: sent Wednesday 29 April 2026, 10:00 London (BST). Working days skip the Early May bank holiday (Monday
/// 4 May): views due by the end of Thursday 7 May (WD 5), decision by the end of Thursday 14 May (WD 10).
/// Reminders go at 09:00 London the working day before each: Wednesday 6 May and Wednesday 13 May.
/// </summary>
[Collection("Azurite")]
public sealed class DeadlineInPlaygroundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reference = "SAB-2026-0001";

    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);
    private static DateTimeOffset London(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Bst);

    private readonly FakeTimeProvider clock = new(London(4, 29, 10));

    private BotInPlayground rig = null!;
    private TestBotHost host => rig.Host;
    private PlaygroundSession playground => rig.Playground;
    private PlaygroundDriver driver => rig.Driver;

    // The Playground opens a 1:1 chat with any mock person but answers 500 UserNotFound to posts in it for anyone
    // but the current user, so the bot's personal reminders to members wait for a retry there. They hold back only
    // their own chat: the channel cards and the coordinators' reminders must still arrive.
    public async Task InitializeAsync() => rig = await BotInPlayground.StartAsync(azurite, clock);

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
    }

    private const string MeganRationale = "Several agencies are involved and the risks are escalating.";
    private const string AdeleRationale = "No police role beyond the existing welfare checks.";
    private const string CastingRationale = "The escalating risks across agencies need a senior management review.";

    [Fact]
    public async Task Split_views_are_reminded_then_go_to_the_chair_whose_casting_decision_closes_the_vote()
    {
        var partners = await SentToPartnersAsync();

        // Thursday 30 April: Megan (local authority) says a meeting is required. Tuesday 5 May: Adele (police) says no.
        clock.SetUtcNow(London(4, 30, 11));
        await GiveViewAsync(partners, Megan, PartnersCard.MeetingRequired, MeganRationale);
        clock.SetUtcNow(London(5, 5, 14));
        await GiveViewAsync(partners, Adele, PartnersCard.NoMeeting, AdeleRationale);
        var split = await UpdateOfPartnersCardAsync(m => Fact(driver.CardOf(m), "Views given") == "2 of 3");
        Assert.Equal("Meeting required", Fact(split, "Local authority"));
        Assert.StartsWith("No meeting", Fact(split, "Police"));
        Assert.Equal("No view yet", Fact(split, "NHS integrated care board"));

        // Patti (chair) looks at the card meanwhile: nothing for her to do yet. (The Playground's ids are not Teams'
        // "29:" ids, so no @mention of her is made in the casting request.)
        var pattis = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Patti);
        Assert.Equal([PartnersVerbs.Refresh], pattis.Buttons);

        // 08:59 London on Wednesday 6 May: too early for the views reminder.
        clock.SetUtcNow(London(5, 6, 8, 59));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await SweepAsync());

        // 09:00: the coordinators are reminded, naming only the agency without a view.
        clock.SetUtcNow(London(5, 6, 9));
        await SweepAsync();
        var viewsReminder = await ReminderAsync("Statutory partners' views");
        Assert.Equal("7 May 2026", Fact(viewsReminder, "Due by the end of"));
        Assert.Equal("NHS integrated care board", Fact(viewsReminder, "No view yet from"));
        Assert.Contains("Some statutory partners have not yet given their view.", viewsReminder.Text);
        Assert.DoesNotContain(MeganRationale, viewsReminder.Text);
        Assert.DoesNotContain(AdeleRationale, viewsReminder.Text);
        // Isaiah, the NHS member, is reminded in his own chat (the Playground takes the post but cannot show it);
        // Megan, Lynne and Adele, whose agencies have given their views, are not.
        await PersonalPostTriedAsync("NHS integrated care board has not yet given its view on this referral.");
        Assert.Equal([IsaiahKey], PersonalChatsOpened());

        // The same on Wednesday 13 May, the working day before the decision deadline.
        clock.SetUtcNow(London(5, 13, 9));
        await SweepAsync();
        var decisionReminder = await ReminderAsync("Statutory partners' decision");
        Assert.Equal("14 May 2026", Fact(decisionReminder, "Due by the end of"));
        Assert.Equal("NHS integrated care board", Fact(decisionReminder, "No view yet from"));

        // 23:59 London on Thursday 14 May: still the partners' to decide.
        clock.SetUtcNow(London(5, 14, 23, 59));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await SweepAsync());

        // Just after midnight the deadline has passed with one view each way: the chair is asked.
        clock.SetUtcNow(London(5, 15, 0, 5));
        await SweepAsync();
        var awaiting = await UpdateOfPartnersCardAsync(m => m.AllText.Contains("Awaiting casting decision"));
        Assert.Equal("Awaiting casting decision", Fact(awaiting, "Stage"));
        Assert.Equal("14 May 2026", Fact(awaiting, "Decision due"));
        Assert.Contains("Action needed: the casting decision (no majority by the deadline)", awaiting.Text);
        Assert.Equal([PartnersVerbs.Refresh], awaiting.Buttons);

        foreach (var channel in new[] { PartnersChannel, CoordinatorsChannel })
        {
            var message = await playground.WaitForMessageAsync(m => m.Action == "createMessage" && InChannel(m, channel)
                && m.AllText.Contains($"Referral {Reference}: casting decision needed"), Wait);
            var request = driver.CardOf(message);
            Assert.Equal("14 May 2026", Fact(request, "Decision was due"));
            Assert.Equal("1", Fact(request, "Meeting required"));
            Assert.Equal("1", Fact(request, "No meeting"));
            Assert.Equal("NHS integrated care board", Fact(request, "No view from"));
            Assert.Contains("so the chair decides", request.Text);
            Assert.Equal([PartnersVerbs.Refresh], request.Buttons);
        }
        // Patti hears in her own chat too, opened with the id the bot saw on her click (Isaiah's, before he had
        // clicked anything, with his object id).
        await PersonalPostTriedAsync($"Referral {Reference}: casting decision needed");
        Assert.Equal([IsaiahKey, Patti], PersonalChatsOpened());
        var partnersRequest = driver.CardOf(await playground.WaitForMessageAsync(m => m.Action == "createMessage"
            && InChannel(m, PartnersChannel) && m.AllText.Contains("casting decision needed"), Wait));

        // Megan is no chair: the request opens her own member's card (views still inform the chair), without the casting form.
        var megans = await driver.ClickAsync(partnersRequest, PartnersVerbs.Refresh, asUser: Megan);
        Assert.Contains("Your view for Local authority is recorded: Meeting required", megans.Text);
        Assert.DoesNotContain(PartnersVerbs.Cast, megans.Buttons);

        // Patti, still up at 00:40 London on Friday (23:40 UTC Thursday), opens the request: the casting form.
        clock.SetUtcNow(London(5, 15, 0, 40));
        var casting = await driver.ClickAsync(partnersRequest, PartnersVerbs.Refresh, asUser: Patti);
        Assert.Contains("No majority by the deadline: the chair makes the decision", casting.Text);
        Assert.Contains($"Local authority's reason: {MeganRationale}", casting.Text.Replace("**", ""));
        Assert.Equal([PartnersVerbs.Cast, PartnersVerbs.ViewReferral], casting.Buttons);
        var notCast = await driver.ClickForMessageAsync(casting, PartnersVerbs.Cast,
            new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.CastingRationaleId] = CastingRationale }, asUser: Megan);
        Assert.Equal("Only the chair can make the casting decision.", notCast);
        var withoutReason = await driver.ClickAsync(casting, PartnersVerbs.Cast,
            new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.CastingRationaleId] = "  " }, asUser: Patti);
        Assert.Equal("Please give the rationale for the casting decision.", ErrorUnder(withoutReason.Card, PartnersCard.CastingRationaleId));

        const string decision = "Decision: Meeting required (Chair's casting decision, 15 May 2026)";
        var cast = await driver.ClickAsync(withoutReason, PartnersVerbs.Cast,
            new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.CastingRationaleId] = CastingRationale }, asUser: Patti);
        Assert.Contains(decision, cast.Text);
        Assert.Equal([PartnersVerbs.ViewReferral], cast.Buttons);

        // The shared card, updated in place: decided, buttons gone for everyone.
        var decided = await UpdateOfPartnersCardAsync(m => m.AllText.Contains(decision));
        Assert.Equal(partners.MessageId, decided.MessageId);
        Assert.Equal("Decided", Fact(decided, "Stage"));
        Assert.Equal("2 of 3", Fact(decided, "Views given"));
        Assert.DoesNotContain("Action needed", decided.Text);
        var isaiahs = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Isaiah);
        Assert.Contains(decision, isaiahs.Text);
        Assert.Equal([PartnersVerbs.GiveView, PartnersVerbs.ViewReferral], isaiahs.Buttons); // only a late view now

        // The coordinators and the referrer are told, dated in London.
        var notice = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {Reference}: the statutory partners have decided"));
        Assert.Equal("Meeting required", Fact(notice, "Decision"));
        Assert.Equal("Chair's casting decision", Fact(notice, "How"));
        Assert.Equal("15 May 2026", Fact(notice, "Date"));
        var referrers = await driver.WaitForCardAsync(m => m.ConversationId == driver.Chat && m.AllText.Contains($"Referral {Reference}: the statutory partners have decided"));
        Assert.Equal("Chair's casting decision", Fact(referrers, "How"));

        // The case log: asked at the deadline by the bot, decided by Patti, on the London date.
        var caseId = (await Cases.FindCaseIdAsync(Reference, default))!;
        Assert.Equal(CaseStage.MeetingRequired, (await Cases.GetAsync(caseId, default))!.Stage);
        var log = await Cases.GetLogAsync(caseId, default);
        Assert.Equal(2, log.Count(l => l.Action == CaseActions.ReminderSent));
        var asked = Assert.Single(log, l => l.Action == CaseActions.AwaitingCasting);
        Assert.Equal("No majority at the deadline (1 meeting required, 1 no meeting, 1 without a view); chair asked", asked.Detail);
        var decidedLine = Assert.Single(log, l => l.Action == CaseActions.Decided);
        Assert.Equal("MeetingRequired; Chair; 2026-05-15", decidedLine.Detail);
        Assert.Equal(PattiKey, decidedLine.ActorKey);

        // Sweeping again, even a day later, changes nothing.
        await AssertNothingMoreAsync(TimeSpan.FromDays(1));
        AssertNothingPrivateInChannels();
        // The chair's reason is typed narrative: shown to the partners in their own views, never in a channel.
        Assert.DoesNotContain(playground.Messages, m => m.ConversationId != driver.Chat && m.Raw.ToJsonString().Contains(CastingRationale));
        Assert.Contains(CastingRationale, (await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: Megan)).Text);
    }

    [Fact]
    public async Task Views_given_after_the_views_deadline_still_decide_early_and_the_decided_case_is_left_alone()
    {
        var partners = await SentToPartnersAsync();

        // Nobody has a view by the morning before WD 5: every agency is named in the coordinators' reminder.
        clock.SetUtcNow(London(5, 6, 9));
        await SweepAsync();
        var reminder = await ReminderAsync("Statutory partners' views");
        Assert.Equal("7 May 2026", Fact(reminder, "Due by the end of"));
        Assert.Equal("Local authority, Police, NHS integrated care board", Fact(reminder, "No view yet from"));
        foreach (var agency in new[] { "Local authority", "Police", "NHS integrated care board" })
            await PersonalPostTriedAsync($"{agency} has not yet given its view on this referral.");
        Assert.Equal([MeganKey, AdeleKey, IsaiahKey, LynneKey], PersonalChatsOpened().Order());

        // Friday 8 May (WD 6, views now late): Megan says a meeting is required.
        clock.SetUtcNow(London(5, 8, 10));
        await GiveViewAsync(partners, Megan, PartnersCard.MeetingRequired, MeganRationale);
        await UpdateOfPartnersCardAsync(m => Fact(driver.CardOf(m), "Views given") == "1 of 3");

        // Monday 11 May: Isaiah opens his card from the coordinators' reminder and agrees: 2 of 3, decided there and then.
        clock.SetUtcNow(London(5, 11, 15));
        var isaiahs = await driver.ClickAsync(reminder, PartnersVerbs.Refresh, asUser: Isaiah);
        Assert.Contains("Your agency's view (NHS integrated care board)", isaiahs.Text);
        isaiahs = await driver.ClickAsync(isaiahs, PartnersVerbs.GiveView,
            new() { [PartnersCard.ChoiceId] = PartnersCard.MeetingRequired, [PartnersCard.RationaleId] = "The GP has raised the same concerns." }, asUser: Isaiah);
        const string decision = "Decision: Meeting required (Early majority, 11 May 2026)";
        Assert.Contains(decision, isaiahs.Text);
        Assert.Equal([PartnersVerbs.ViewReferral], isaiahs.Buttons);
        var decided = await UpdateOfPartnersCardAsync(m => m.AllText.Contains(decision));
        Assert.Equal("Decided", Fact(decided, "Stage"));
        Assert.Equal("7 May 2026", Fact(decided, "Views due"));
        Assert.Equal("14 May 2026", Fact(decided, "Decision due"));
        var notice = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Referral {Reference}: the statutory partners have decided"));
        Assert.Equal("Early majority", Fact(notice, "How"));
        Assert.Equal("11 May 2026", Fact(notice, "Date"));

        // No decision reminder on Wednesday 13 May, and no casting request after the deadline: the case is decided.
        clock.SetUtcNow(London(5, 13, 9));
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await SweepAsync());
        clock.SetUtcNow(London(5, 15, 0, 5));
        await AssertNothingMoreAsync(TimeSpan.Zero);
        Assert.DoesNotContain(playground.Messages, m => m.AllText.Contains("Statutory partners' decision") || m.AllText.Contains("casting decision"));
        var caseId = (await Cases.FindCaseIdAsync(Reference, default))!;
        var log = await Cases.GetLogAsync(caseId, default);
        Assert.Single(log, l => l.Action == CaseActions.ReminderSent);
        Assert.Equal("MeetingRequired; EarlyMajority; 2026-05-11", Assert.Single(log, l => l.Action == CaseActions.Decided).Detail);
        AssertNothingPrivateInChannels();
    }

    private CaseStore Cases => host.Services.GetRequiredService<CaseStore>();

    private Task<PartnerDeadlines.SweepResult> SweepAsync() =>
        host.Services.GetRequiredService<PartnerDeadlines>().SweepOnceAsync(CancellationToken.None);

    /// <summary>Alex refers and, as deputy board manager, triages it through: the partners' card, with its London due dates.</summary>
    private async Task<ShownCard> SentToPartnersAsync()
    {
        var confirmation = await driver.SubmitReferralAsync(Drafts.Complete());
        Assert.Contains(Reference, confirmation.Text);
        var triage = await driver.WaitForCardAsync(m => InChannel(m, CoordinatorsChannel) && m.AllText.Contains($"Triage referral {Reference}"));
        var triaged = await driver.ClickAsync(triage, TriageVerbs.Send,
            TriageChecklist.All.ToDictionary(c => c.FieldId, _ => (string?)TriageCard.Met));
        Assert.Contains("29 April 2026", triaged.Text);
        var partners = await driver.WaitForCardAsync(m => InChannel(m, PartnersChannel) && m.AllText.Contains($"Referral {Reference}: statutory partners' views"));
        Assert.Equal("7 May 2026", Fact(partners, "Views due"));
        Assert.Equal("14 May 2026", Fact(partners, "Decision due"));
        Assert.Equal("0 of 3", Fact(partners, "Views given"));
        return partners;
    }

    /// <summary>The member opens their own card from the shared one (Teams' refresh) and gives their agency's view.</summary>
    private async Task GiveViewAsync(ShownCard partners, string member, string choice, string rationale)
    {
        var own = await driver.ClickAsync(partners, PartnersVerbs.Refresh, asUser: member);
        own = await driver.ClickAsync(own, PartnersVerbs.GiveView,
            new() { [PartnersCard.ChoiceId] = choice, [PartnersCard.RationaleId] = rationale }, asUser: member);
        Assert.Contains("is recorded:", own.Text);
    }

    /// <summary>The coordinators' reminder of <paramref name="deadline"/>, a new post in their channel (General).</summary>
    private async Task<ShownCard> ReminderAsync(string deadline)
    {
        var reminder = await driver.WaitForCardAsync(m => m.Action == "createMessage" && InChannel(m, CoordinatorsChannel)
            && m.AllText.Contains($"Reminder: referral {Reference}") && m.AllText.Contains(deadline));
        Assert.Equal(deadline, Fact(reminder, "Deadline"));
        Assert.Equal([PartnersVerbs.Refresh], reminder.Buttons);
        return reminder;
    }

    /// <summary>
    /// People the bot opened a 1:1 chat with (their Entra object ids, in order), from the Playground's log of the
    /// bot's Connector calls: the only trace of a personal message to anyone but the current user.
    /// </summary>
    private IReadOnlyList<string> PersonalChatsOpened() =>
        playground.Log.Where(l => l.ActivityName == "createConversation" && l.RequestBody?["isGroup"]?.GetValue<bool>() == false)
            .Select(l => (string)l.RequestBody!["members"]![0]!["id"]!).ToList();

    /// <summary>Waits for the bot's post of a message containing <paramref name="text"/> into a chat (not a new channel thread).</summary>
    private Task PersonalPostTriedAsync(string text) =>
        playground.WaitForLogAsync(l => l.ActivityName == "message" && l.RequestBody?.ToJsonString().Contains(text) == true, Wait);

    private async Task<ShownCard> UpdateOfPartnersCardAsync(Func<PlaygroundMessage, bool> predicate) =>
        driver.CardOf(await playground.WaitForMessageAsync(
            m => m.Action == "updateMessage" && InChannel(m, PartnersChannel) && m.AdaptiveCards.Any() && predicate(m), Wait));

    /// <summary>
    /// After <paramref name="later"/> more, a sweep finds nothing to do and the client shows nothing new. The outbox
    /// sends as soon as a transaction commits, so a message caused by the sweep would show well within the pause.
    /// </summary>
    private async Task AssertNothingMoreAsync(TimeSpan later)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        var shown = playground.Messages.Count;
        clock.Advance(later);
        Assert.Equal(new PartnerDeadlines.SweepResult(0, 0, 0), await SweepAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        var more = playground.Messages.Skip(shown).Select(m => m.Action + " " + m.ConversationId + ": " + m.AllText).ToList();
        Assert.True(more.Count == 0, "New messages after the last sweep: " + string.Join(" | ", more));
    }

    /// <summary>No personal details (nor <paramref name="alsoPrivate"/>) in any channel message, and no failed request.</summary>
    private void AssertNothingPrivateInChannels(params string[] alsoPrivate)
    {
        // The Playground's refusal of posts into other people's 1:1 chats (see InitializeAsync) is not the bot failing.
        var failures = playground.Log.Where(l => l.StatusCode >= 500 && (string?)l.ResponseBody?["error"]?["code"] != "UserNotFound").Select(l => $"{l.Type} {l.ActivityName} {l.ConversationId} -> {l.StatusCode}").ToList();
        Assert.True(failures.Count == 0, "The bot failed: " + string.Join("; ", failures));
        var channelMessages = playground.Messages.Where(m => m.ConversationId != driver.Chat).ToList();
        Assert.NotEmpty(channelMessages);
        foreach (var message in channelMessages)
        {
            var posted = message.Raw.ToJsonString();
            foreach (var secret in PersonalDetails.Concat(alsoPrivate))
                Assert.False(posted.Contains(secret), $"\"{secret}\" was shown in {message.ConversationId}: {posted}");
        }
    }
}
