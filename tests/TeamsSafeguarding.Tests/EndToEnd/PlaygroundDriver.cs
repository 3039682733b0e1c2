using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Tests.Support;
using Xunit;

namespace TeamsSafeguarding.Tests.EndToEnd;

/// <summary>
/// A card on screen: the conversation it is in (a channel thread is "&lt;channelId&gt;;messageid=&lt;rootId&gt;"), the
/// message it lives in (invoke answers replace it in place) and its JSON.
/// </summary>
public sealed record ShownCard(string ConversationId, string MessageId, JsonObject Card)
{
    /// <summary>The visible text and the raw JSON, for Contains checks.</summary>
    public string Text => string.Join("\n", CardText.Of(Card)) + "\n" + Card.ToJsonString();

    /// <summary>The verbs of the Action.Execute buttons (not the refresh action).</summary>
    public IReadOnlyList<string> Buttons =>
        PlaygroundDriver.Walk(Card["actions"]).Concat(PlaygroundDriver.Walk(Card["body"]))
            .Where(e => (string?)e["type"] == "Action.Execute").Select(e => (string)e["verb"]!).ToList();

    public string? InputValue(string id) => PlaygroundDriver.InputValue(Card, id);
}

/// <summary>
/// Drives the local Teams client as its people do: opens cards the bot posted, clicks their Action.Execute buttons
/// (as any member of the conversation), and walks a practitioner through a whole referral. Shared by the end-to-end tests.
/// </summary>
public sealed class PlaygroundDriver(PlaygroundSession playground)
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public PlaygroundSession Playground => playground;

    /// <summary>The current user's (Alex's) personal chat with the bot.</summary>
    public string Chat => playground.Config.PersonalChatId;

    /// <summary>
    /// The card of the first bot message matching <paramref name="predicate"/> (waiting for it). A new channel post is
    /// its own thread, so it is clicked in "&lt;channelId&gt;;messageid=&lt;its id&gt;".
    /// </summary>
    public async Task<ShownCard> WaitForCardAsync(Func<PlaygroundMessage, bool> predicate)
    {
        var message = await playground.WaitForMessageAsync(m => m.AdaptiveCards.Any() && predicate(m), Wait);
        return CardOf(message);
    }

    public ShownCard CardOf(PlaygroundMessage message)
    {
        var conversation = message.ConversationId;
        var inChannel = playground.Config.ChannelIds.Contains(conversation) || conversation == playground.Config.TeamId;
        if (inChannel) conversation = $"{conversation};messageid={message.MessageId}";
        return new ShownCard(conversation, message.MessageId!, message.AdaptiveCards.Single());
    }

    /// <summary>
    /// Clicks the Action.Execute with <paramref name="verb"/> on the card as <paramref name="asUser"/> (default the
    /// current user), as Teams does: the button's data, plus (with associatedInputs auto) the value of every input on
    /// the card, <paramref name="typed"/> replacing what is shown. Typing into an input the card does not have fails
    /// the test. The answer must be a card; it replaces the clicked one. Where the card has several buttons with the
    /// verb (e.g. "Edit this section"), <paramref name="withData"/> picks the one whose data has that key and value.
    /// </summary>
    public async Task<ShownCard> ClickAsync(ShownCard shown, string verb, Dictionary<string, string?>? typed = null, string? asUser = null,
        (string Key, string Value)? withData = null)
    {
        var answer = await AnswerAsync(shown, verb, typed, asUser, withData);
        Assert.True(answer.Type == "application/vnd.microsoft.card.adaptive", $"{verb} answered {answer.Body?.ToJsonString()}");
        return shown with { Card = answer.Value!.AsObject() };
    }

    /// <summary>Like <see cref="ClickAsync"/>, for an answer that is a message (a refusal or an explanation): its text.</summary>
    public async Task<string> ClickForMessageAsync(ShownCard shown, string verb, Dictionary<string, string?>? typed = null, string? asUser = null)
    {
        var answer = await AnswerAsync(shown, verb, typed, asUser, null);
        Assert.True(answer.Type == "application/vnd.microsoft.activity.message", $"{verb} answered {answer.Body?.ToJsonString()}");
        return (string)answer.Value!;
    }

    private async Task<PlaygroundInvokeResult> AnswerAsync(ShownCard shown, string verb, Dictionary<string, string?>? typed, string? asUser,
        (string Key, string Value)? withData)
    {
        typed ??= [];
        // A button (or a row's selectAction) on the card; the card's refresh action only when no button has the verb.
        bool Matches(JsonObject e) => (string?)e["type"] == "Action.Execute" && (string?)e["verb"] == verb
            && (withData is not { } d || (string?)e["data"]?[d.Key] == d.Value);
        var onCard = Walk(shown.Card["actions"]).Concat(Walk(shown.Card["body"])).Where(Matches).ToList();
        var button = onCard.Count > 0 ? onCard.Single() : Walk(shown.Card["refresh"]).Single(Matches);
        var data = (JsonObject?)button["data"]?.DeepClone() ?? new JsonObject();
        var inputs = Walk(shown.Card["body"]).Where(e => ((string?)e["type"])?.StartsWith("Input.") == true).ToList();
        foreach (var id in typed.Keys)
            Assert.True(inputs.Any(i => (string?)i["id"] == id), $"The card has no input {id} to type into.");
        if ((string?)button["associatedInputs"] != "none")
            foreach (var input in inputs)
            {
                var id = (string)input["id"]!;
                var value = typed.TryGetValue(id, out var t) ? t : (string?)input["value"];
                data[id] = value ?? "";
            }

        var answer = await playground.InvokeAsync(shown.ConversationId, shown.MessageId, verb, data, asUser);
        Assert.True(answer.HttpStatus == 200, $"{verb}: HTTP {answer.HttpStatus} {answer.Body?.ToJsonString()}");
        return answer;
    }

    /// <summary>Installs the app in the personal chat, types "refer" and answers the three route questions "no".</summary>
    public async Task<ShownCard> StartReferralAsync()
    {
        await playground.InstallAsync(Chat);
        await playground.WaitForMessageAsync(m => m.ConversationId == Chat && m.AllText.Contains("Welcome"), Wait);
        await playground.SendMessageAsync(Chat, "refer");
        var route = await WaitForCardAsync(m => m.ConversationId == Chat && m.AllText.Contains("Before you start"));
        var card = await ClickAsync(route, ReferralVerbs.Route, new()
        {
            [RouteCheck.UrgentRiskFieldId] = "no",
            [RouteCheck.ProfessionalDisagreementFieldId] = "no",
            [RouteCheck.LacksCapacityFieldId] = "no",
        });
        Assert.Contains($"Step 1 of {ReferralForm.Sections.Count}", card.Text);
        return card;
    }

    /// <summary>
    /// A whole referral from "refer" to the confirmation: each step typed from <paramref name="answers"/> (risk 1
    /// only) and Next, then Submit on "Check your answers". Returns the confirmation card.
    /// </summary>
    public async Task<ShownCard> SubmitReferralAsync(ReferralDraft answers)
    {
        var card = await StartReferralAsync();
        foreach (var section in ReferralForm.Sections)
            card = await ClickAsync(card, ReferralVerbs.Next, TypedFor(answers, section.Id, risk: 1));
        Assert.Contains("Check your answers", card.Text);
        Assert.DoesNotContain("Some answers need correcting", card.Text);
        var confirmation = await ClickAsync(card, ReferralVerbs.Submit);
        Assert.Contains("Referral submitted", confirmation.Text);
        return confirmation;
    }

    /// <summary>The answers of one section (for the risks section: the general answers and risk <paramref name="risk"/>'s).</summary>
    public static Dictionary<string, string?> TypedFor(ReferralDraft answers, string sectionId, int? risk) =>
        ReferralForm.Find(sectionId)!.Fields
            .Where(f => f.RiskNumber is null || f.RiskNumber == risk)
            .Where(f => answers.Get(f.Id) is not null)
            .ToDictionary(f => f.Id, f => answers.Get(f.Id));

    /// <summary>A bot message in <paramref name="channelId"/>: a new post (its own thread) or a reply in one.</summary>
    public static bool InChannel(PlaygroundMessage m, string channelId) =>
        m.ConversationId == channelId || m.ConversationId.StartsWith(channelId + ";", StringComparison.Ordinal);

    /// <summary>The value of the fact titled <paramref name="title"/> (exactly one on the card).</summary>
    public static string? Fact(ShownCard card, string title) =>
        (string?)Walk(card.Card["body"])
            .Where(e => (string?)e["type"] == "FactSet")
            .SelectMany(e => e["facts"]!.AsArray().OfType<JsonObject>())
            .Single(f => (string?)f["title"] == title)["value"];

    public static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    public static string? InputValue(JsonObject card, string id) =>
        (string?)Walk(card["body"]).Single(e => (string?)e["id"] == id)["value"];

    /// <summary>The error right under an input (before the next input): red text, or the text of a red (attention) panel; or null.</summary>
    public static string? ErrorUnder(JsonObject card, string id)
    {
        var elements = Walk(card["body"]).ToList();
        var at = elements.FindIndex(e => (string?)e["id"] == id);
        return elements.Skip(at + 1).TakeWhile(e => ((string?)e["type"])?.StartsWith("Input.") != true)
            .Select(e => (string?)e["type"] == "TextBlock" && (string?)e["color"] == "attention" ? (string?)e["text"]
                : (string?)e["type"] == "Container" && (string?)e["style"] == "attention" ? (string?)Walk(e["items"]).FirstOrDefault(i => (string?)i["type"] == "TextBlock")?["text"]
                : null)
            .FirstOrDefault(t => t is not null);
    }
}
