using System.Runtime.CompilerServices;

namespace TeamsSafeguarding.Teams.Connector;

/// <summary>A conversation's whole roster, read page by page through the Connector's paged members API.</summary>
public static class ConversationRoster
{
    /// <summary>At 500 a page, 10,000 members: Teams' own limit for a team.</summary>
    public const int MaxPages = 20;

    /// <summary>Every member of the conversation (a team by any of its channel ids, or a chat), at most <see cref="MaxPages"/> pages.</summary>
    public static async IAsyncEnumerable<TeamsMember> MembersAsync(this IConnectorClient connector, string serviceUrl, string conversationId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var members = await connector.GetPagedMembersAsync(serviceUrl, conversationId, token, ct);
            foreach (var member in members.Members ?? []) yield return member;
            token = members.ContinuationToken;
            if (string.IsNullOrEmpty(token)) yield break;
        }
    }
}
