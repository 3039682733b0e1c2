using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Finds people given by email in Teams, so the bot can reach them in their personal chat (an action's owner, the
/// organiser, the lead professional): the members of the board's team, as the Connector lists them with their addresses.
/// Read once per use, a page at a time; no extra Graph permission is needed. Someone not in the team is
/// not found, and the caller says so to the coordinators instead.
/// </summary>
public sealed class TeamRoster(IConnectorClient connector, ConversationStore conversations, IOptions<BoardOptions> board, ILogger<TeamRoster> log)
{
    /// <summary>Keys by lower-case email (and user principal name); empty when the team cannot be read.</summary>
    public async Task<IReadOnlyDictionary<string, string>> KeysByEmailAsync(CancellationToken ct)
    {
        var team = board.Value.CoordinatorsChannelId;
        if (string.IsNullOrWhiteSpace(team)) return new Dictionary<string, string>();
        try
        {
            var (reference, _) = await conversations.FindAsync(team, ct);
            var serviceUrl = reference?.ServiceUrl ?? await conversations.FindServiceUrlAsync(null, ct);
            if (serviceUrl is null) return new Dictionary<string, string>();
            var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var member in connector.MembersAsync(serviceUrl, team, ct))
            {
                if (member.UserKey is not { } key) continue;
                foreach (var address in new[] { member.Email, member.UserPrincipalName })
                    if (!string.IsNullOrWhiteSpace(address)) keys.TryAdd(address.Trim(), key);
            }
            return keys;
        }
        catch (Exception e) when (e is ConnectorException or ArgumentException)
        {
            log.LogWarning("The board's team members could not be read ({ExceptionType}); people given by email are not reached in Teams", e.GetType().Name);
            return new Dictionary<string, string>();
        }
    }
}
