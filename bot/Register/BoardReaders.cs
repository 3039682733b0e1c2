using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Register;

/// <summary>
/// Who may use the board's own commands, and where: the register, the case log and the measures are for coordinators,
/// the deputy board manager, the chair and auditors; exports for coordinators and auditors only; legal holds for board
/// admins. They are typed in a personal chat or in the coordinators' channel, never in another channel (whose members
/// would see the answer), and only from the board's own tenant.
/// </summary>
public sealed class BoardReaders(BoardDirectory directory, IOptions<BoardOptions> board, IOptions<BotOptions> bot)
{
    public static readonly BoardRole[] Readers = [BoardRole.Coordinator, BoardRole.DeputyBoardManager, BoardRole.Chair, BoardRole.Auditor];
    public static readonly BoardRole[] Exporters = [BoardRole.Coordinator, BoardRole.Auditor];
    public static readonly BoardRole[] HoldSetters = [BoardRole.BoardAdmin];

    public const string WrongTenant = "Sorry, this bot serves only its own Safeguarding Adults Board's organisation.";
    public const string WrongPlace = "Type this in your personal chat with me or in the coordinators' channel, so only the board sees the answer.";
    public const string NotAReader = "Sorry, only the board's coordinators, deputy board manager, chair and auditors can see the board's cases.";

    public BoardDirectory Directory => directory;

    public bool IsAllowedTenant(Actor actor) =>
        bot.Value.AllowedTenantIds.Any(t => string.Equals(t, actor.TenantId, StringComparison.OrdinalIgnoreCase));

    public bool Holds(string userKey, IReadOnlyList<BoardRole> roles) => directory.HasAny(userKey, [.. roles]);

    /// <summary>A personal chat, or the coordinators' channel (any thread in it).</summary>
    public bool IsPrivateOrCoordinators(Activity activity)
    {
        if (activity.Conversation?.ConversationType is null or "personal") return true;
        if (activity.Conversation.ConversationType != "channel") return false;
        var channel = activity.ChannelData?.Channel?.Id is { Length: > 0 } id ? id : ConversationReference.BaseConversationId(activity.Conversation.Id ?? "");
        return !string.IsNullOrWhiteSpace(board.Value.CoordinatorsChannelId)
            && string.Equals(channel, board.Value.CoordinatorsChannelId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Why the person may not do this here (the words to answer with), or null when they may.</summary>
    public string? Refusal(Activity activity, Actor actor, IReadOnlyList<BoardRole> roles, string notInRole)
    {
        if (!IsAllowedTenant(actor)) return WrongTenant;
        if (!IsPrivateOrCoordinators(activity)) return WrongPlace;
        return Holds(actor.UserKey, roles) ? null : notInRole;
    }
}
