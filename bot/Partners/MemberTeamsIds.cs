using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// Board members' Teams ids ("29:…"), for a card's refresh.userIds and for @mentions: Teams takes only those,
/// not Entra object ids (teams-bot-protocol.md 4.1). People are configured by object id, so the Teams id comes
/// from the partners' channel roster (<see cref="PartnersRoster"/>), the personal chat the bot stored when they first
/// used it, or any card click of theirs. Kept in memory
/// (cards are built synchronously inside transactions); <see cref="LoadAsync"/> refreshes it from storage.
/// </summary>
public sealed class MemberTeamsIds(ConversationStore conversations, IOptions<BoardOptions> board)
{
    private readonly ConcurrentDictionary<string, string> known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The person's Teams id: the key itself when it is one, else what was learnt; null if unknown.</summary>
    public string? Of(string userKey) =>
        TeamsUserIds.IsTeamsUserId(userKey) ? userKey : known.TryGetValue(userKey, out var id) ? id : null;

    /// <summary>Remembers the Teams id seen on an activity from this person.</summary>
    public void Learn(string userKey, string? teamsUserId)
    {
        if (TeamsUserIds.IsTeamsUserId(teamsUserId) && !TeamsUserIds.IsTeamsUserId(userKey)) known[userKey] = teamsUserId!;
    }

    /// <summary>
    /// Remembers the id the Connector lists for this person in a channel's roster: it is the id the Connector knows them
    /// by (a Teams "29:" id in Teams, the Agents Playground's own id locally), so it is what refresh.userIds needs. An Entra
    /// object id (a GUID) is never taken for one. Returns whether anything new was learnt.
    /// </summary>
    public bool LearnFromRoster(string userKey, string? connectorId)
    {
        if (string.IsNullOrWhiteSpace(connectorId) || Guid.TryParse(connectorId, out _) || TeamsUserIds.IsTeamsUserId(userKey)
            || string.Equals(connectorId, userKey, StringComparison.OrdinalIgnoreCase)) return false;
        return known.TryGetValue(userKey, out var was) && was == connectorId ? false : (known[userKey] = connectorId) is not null;
    }

    /// <summary>Reads the stored personal chats of every configured board member (a point read each: boards are small).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var b = board.Value;
        var keys = b.Partners.SelectMany(a => a.Members).Concat(b.Chairs).Concat(b.DeputyBoardManagers).Concat(b.Coordinators)
            .Where(k => !string.IsNullOrWhiteSpace(k) && !TeamsUserIds.IsTeamsUserId(k)).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var (chat, _) = await conversations.FindPersonalChatAsync(key, ct);
            Learn(key, chat?.TeamsUserId);
        }
    }
}
