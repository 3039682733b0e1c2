using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Routing;

public delegate Task ChatCommandHandler(ChatMessage message, CancellationToken ct);
public delegate Task<InvokeResponse> CardActionHandler(CardAction action, CancellationToken ct);
public delegate Task ActivityObserver(Activity activity, CancellationToken ct);
public delegate Task<InvokeResponse> InvokeHandler(Activity activity, Actor actor, CancellationToken ct);

/// <summary>A capability of the bot: it says which chat commands, card verbs and events it handles.</summary>
public interface IBotFeature
{
    void Map(BotRoutes routes);
}

/// <summary>The table from what people do (type a command, click a button, install the app) to the feature handling it.</summary>
public sealed class BotRoutes
{
    private readonly List<(string Phrase, ChatCommandHandler Handler)> _commands = [];
    private readonly Dictionary<string, CardActionHandler> _verbs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _redeliverySafe = new(StringComparer.Ordinal);
    private readonly List<ActivityObserver> _conversationEvents = [];
    private readonly Dictionary<string, InvokeHandler> _invokes = new(StringComparer.Ordinal);

    /// <summary>A chat command: matches the phrase alone or followed by more words ("details SAB-2026-0001").</summary>
    public void Command(string phrase, ChatCommandHandler handler) => _commands.Add((phrase.ToLowerInvariant(), handler));

    /// <param name="redeliverySafe">
    /// The handler is idempotent by the click's activity id (or only reads), so a redelivered click needs no guard: it is
    /// run again and recognised (e.g. a partner's view carries the click's id), answering alike and storing nothing twice.
    /// </param>
    public void Verb(string verb, CardActionHandler handler, bool redeliverySafe = false)
    {
        if (!_verbs.TryAdd(verb, handler)) throw new InvalidOperationException($"Verb '{verb}' is mapped twice.");
        if (redeliverySafe) _redeliverySafe.Add(verb);
    }

    /// <summary>Another kind of invoke than a card action, by its name (e.g. "fileConsent/invoke").</summary>
    public void Invoke(string name, InvokeHandler handler)
    {
        if (!_invokes.TryAdd(name, handler)) throw new InvalidOperationException($"Invoke '{name}' is mapped twice.");
    }

    public InvokeHandler? FindInvoke(string? name) => name is null ? null : _invokes.GetValueOrDefault(name);

    /// <summary>installationUpdate and conversationUpdate activities.</summary>
    public void OnConversationEvent(ActivityObserver observer) => _conversationEvents.Add(observer);

    public ChatCommandHandler? FindCommand(string text)
    {
        var lower = text.ToLowerInvariant();
        // Longest phrase first, so "new referral" wins over "new".
        foreach (var (phrase, handler) in _commands.OrderByDescending(c => c.Phrase.Length))
            if (lower == phrase || lower.StartsWith(phrase + " ", StringComparison.Ordinal)) return handler;
        return null;
    }

    public CardActionHandler? FindVerb(string verb) => _verbs.GetValueOrDefault(verb);

    public bool IsRedeliverySafe(string verb) => _redeliverySafe.Contains(verb);

    /// <summary>Every chat command phrase, lower case: the Teams app manifest must list exactly these (a test checks).</summary>
    public IEnumerable<string> CommandPhrases => _commands.Select(c => c.Phrase).Distinct();

    public IReadOnlyList<ActivityObserver> ConversationEvents => _conversationEvents;
}
