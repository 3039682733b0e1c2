using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// "roles": coordinators and admins check who the bot treats as DBM, chair, coordinators and partner members, as stored
/// at the bot's last start (<see cref="BoardRolesRecorder"/>), and the last few changes in counts.
/// </summary>
public sealed class BoardRolesCommand(BoardDirectory directory, BoardRolesStore store, Replies replies, IOptions<BoardOptions> board,
    IOptions<BotOptions> bot, Escalation.Process.ProcessProfile profile, ILogger<BoardRolesCommand> log) : IBotFeature
{
    public const int RecentChangesShown = 5;
    public const string Refused = "Only coordinators can list the board's roles.";

    public void Map(BotRoutes routes) => routes.Command(Commands.Roles, AnswerAsync);

    private async Task AnswerAsync(ChatMessage message, CancellationToken ct)
    {
        if (!bot.Value.AllowedTenantIds.Any(t => string.Equals(t, message.Actor.TenantId, StringComparison.OrdinalIgnoreCase)))
        {
            log.LogWarning("Roles command from a tenant that is not allowed");
            await replies.SendAsync(message.ConversationId, Replies.Text(CaseCardCommand.WrongTenant), ct);
            return;
        }
        if (!directory.HasAny(message.Actor.UserKey, BoardRole.Coordinator, BoardRole.BoardAdmin))
        {
            log.LogInformation("Roles command refused for lack of role");
            await replies.SendAsync(message.ConversationId, Replies.Text(Refused), ct);
            return;
        }
        var stored = await store.GetAsync(ct);
        var changes = stored is null ? [] : await store.GetChangesAsync(RecentChangesShown, ct);
        // Not stored yet only when storage was down at start-up; the configuration is still worth showing.
        var roles = stored?.Roles ?? BoardRoleHolders.From(board.Value, profile.CastingBy);
        var input = new BoardRolesCardInput(
            board.Value.Name,
            stored is null ? null : DisplayDate.Of(stored.ConfiguredAt),
            roles.Roles.Select(r => new RoleHolders(r.Title, r.Ids)).ToList(),
            changes.Select(c => new RoleChangeLine(DisplayDate.Of(c.ChangedAt), c.Changes.SelectMany(RoleChangeWords.Of).ToList())).ToList());
        log.LogInformation("Roles listed ({Changes} recent change(s))", changes.Count);
        await replies.SendAsync(message.ConversationId, Replies.Card(BoardRolesCard.Build(input).ToJson()), ct);
    }
}
