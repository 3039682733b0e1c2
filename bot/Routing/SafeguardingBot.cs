using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Routing;

/// <summary>
/// The bot's front door: remembers where each activity came from, then hands it to the feature that
/// handles it (a chat command, a card verb, an install event). Unknown things get a friendly answer.
/// </summary>
public sealed class SafeguardingBot : IBot
{
    private readonly BotRoutes _routes = new();
    private readonly ConversationTracker _tracker;
    private readonly IChatReplies _replies;
    private readonly ILogger<SafeguardingBot> _log;

    public SafeguardingBot(IEnumerable<IBotFeature> features, ConversationTracker tracker, IChatReplies replies, ILogger<SafeguardingBot> log)
    {
        foreach (var feature in features) feature.Map(_routes);
        _tracker = tracker;
        _replies = replies;
        _log = log;
    }

    public async Task<InvokeResponse?> OnActivityAsync(Activity activity, CancellationToken ct)
    {
        using var span = BotTelemetry.StartActivity(activity.Type, activity.Name);
        try
        {
            var response = await HandleAsync(activity, ct);
            BotTelemetry.Handled(span, activity.Type, activity.Name, response);
            return response;
        }
        catch (Exception e)
        {
            BotTelemetry.Failed(span, e);
            throw;
        }
    }

    public bool HandlesRedelivery(Activity activity) =>
        CardActionValue.IsCardAction(activity) && CardActionValue.Read(activity.Value, out _) is { } value && _routes.IsRedeliverySafe(value.Verb);

    private async Task<InvokeResponse?> HandleAsync(Activity activity, CancellationToken ct)
    {
        await _tracker.RememberAsync(activity, ct);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(activity, ct);
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(activity, ct);
            case ActivityTypes.InstallationUpdate or ActivityTypes.ConversationUpdate:
                foreach (var observer in _routes.ConversationEvents) await observer(activity, ct);
                return null;
            default:
                // messageReaction, event, typing and types we do not know: acknowledged and ignored.
                _log.LogDebug("Ignored a {ActivityType} activity", activity.Type);
                return null;
        }
    }

    private async Task OnMessageAsync(Activity activity, CancellationToken ct)
    {
        if (Actor.From(activity) is not { } actor) return;
        var message = new ChatMessage(activity, actor, MessageText.Normalize(activity));
        if (message.Text.Length == 0)
        {
            // An Action.Submit from an old card, or an empty message: our cards use Action.Execute.
            await _replies.HintAsync(message, ct);
            return;
        }
        var handler = _routes.FindCommand(message.Text);
        if (handler is null)
        {
            _log.LogInformation("Unrecognised chat message ({Length} characters)", message.Text.Length);
            await _replies.HintAsync(message, ct);
            return;
        }
        await handler(message, ct);
    }

    private async Task<InvokeResponse?> OnInvokeAsync(Activity activity, CancellationToken ct)
    {
        switch (activity.Name)
        {
            case CardActionValue.InvokeName:
                return await OnCardActionAsync(activity, ct);
            case "task/fetch" or "task/submit":
                // Dialogs are not used: the Agents Playground cannot show them and every flow works in cards.
                return InvokeResponse.TaskMessage("This is done in the card itself now. Please use the buttons on the card.");
            default:
                if (_routes.FindInvoke(activity.Name) is { } handler && Actor.From(activity) is { } actor) return await handler(activity, actor, ct);
                return InvokeResponse.NotSupported(); // never a 5xx, though the Bot Framework SDK answers 501
        }
    }

    private async Task<InvokeResponse> OnCardActionAsync(Activity activity, CancellationToken ct)
    {
        // The endpoint has already refused a value of the wrong shape; this reads the same value, typed.
        if (CardActionValue.Read(activity.Value, out _) is not { } value)
            return InvokeResponse.Error(400, "BadRequest", "This card action is not supported.");
        if (Actor.From(activity) is not { } actor)
            return InvokeResponse.Error(400, "BadRequest", "This card action is incomplete.");

        var handler = _routes.FindVerb(value.Verb);
        if (handler is null)
        {
            _log.LogInformation("Card action with an unknown verb");
            return InvokeResponse.Error(400, "UnknownAction", "This button belongs to an older version of the card. Type help to start again.");
        }
        var action = new CardAction(activity, actor, value.Verb, value.Data, value.IsAutomaticRefresh);
        return KeptWithTheCase(await handler(action, ct), action);
    }

    /// <summary>
    /// A card answer can show the case's details, so the copy kept for a redelivery lives in the case's own partition
    /// (handlers that create a case name it themselves). Messages are the bot's own words and are not kept at all.
    /// </summary>
    private static InvokeResponse KeptWithTheCase(InvokeResponse answer, CardAction action) =>
        answer.KeepWith is null && WireText.StringOf(answer.Body?["type"]) == InvokeResponse.CardType
            && action.GetString(Cards.Referrals.ReferralVerbs.CaseIdKey) is { } caseId && CaseStore.IsCaseId(caseId)
            ? answer with { KeepWith = CaseRow.PartitionOf(caseId) }
            : answer;
}
