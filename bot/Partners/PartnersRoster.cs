using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Teams.Connector;

namespace TeamsSafeguarding.Partners;

/// <summary>
/// Learns the Teams ids of the people in the partners' channel from the Connector's roster (the paged conversation
/// members API, which the Agents Playground serves too), so the shared card's refresh.userIds cover the board's members
/// from its first post, not only those who have talked to the bot. Read at most every <see cref="Interval"/> (the
/// roster changes rarely) and before the partners' card is posted; a failure is logged and the card goes out anyway.
/// </summary>
public sealed class PartnersRoster(IConnectorClient connector, ConversationStore conversations, MemberTeamsIds teamsIds,
    IOptions<BoardOptions> board, TimeProvider clock, ILogger<PartnersRoster> log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _readAt;

    /// <summary>Reads the roster unless it was read within <see cref="Interval"/>; returns how many board members were matched.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct, bool force = false)
    {
        var channel = board.Value.PartnersChannelId;
        if (string.IsNullOrWhiteSpace(channel)) return 0;
        await _gate.WaitAsync(ct);
        try
        {
            if (!force && _readAt is { } at && clock.GetUtcNow() - at < Interval) return 0;
            var (reference, _) = await conversations.FindAsync(channel, ct);
            var serviceUrl = reference?.ServiceUrl ?? await conversations.FindServiceUrlAsync(reference?.TenantId, ct);
            if (serviceUrl is null) return 0; // not installed anywhere yet: nothing to ask
            var keys = BoardKeys();
            var learnt = 0;
            await foreach (var member in connector.MembersAsync(serviceUrl, channel, ct))
                if (member.EntraObjectId is { } objectId && keys.Contains(objectId) && teamsIds.LearnFromRoster(objectId, member.Id)) learnt++;
            _readAt = clock.GetUtcNow();
            log.LogInformation("Partners' channel roster read: {Learnt} board member(s) matched", learnt);
            return learnt;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("The partners' channel roster could not be read ({ExceptionType}); cards keep the Teams ids already known", e.GetType().Name);
            return 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Members joined or left: the next refresh reads the roster again.</summary>
    public void Forget() => _readAt = null;

    private HashSet<string> BoardKeys()
    {
        var b = board.Value;
        return b.Partners.SelectMany(a => a.Members).Concat(b.Chairs).Concat(b.DeputyBoardManagers).Concat(b.Coordinators)
            .Where(k => !string.IsNullOrWhiteSpace(k)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
