using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Triage;

/// <summary>"roles": coordinators check who the bot treats as DBM, chair, coordinators and partner members.</summary>
public sealed class BoardRolesCommand(BoardDirectory directory, Replies replies, IOptions<BoardOptions> board, ILogger<BoardRolesCommand> log) : IBotFeature
{
    public void Map(BotRoutes routes) => routes.Command(Commands.Roles, AnswerAsync);

    private Task AnswerAsync(ChatMessage message, CancellationToken ct)
    {
        if (!directory.HasAny(message.Actor.UserKey, BoardRole.Coordinator, BoardRole.BoardAdmin))
        {
            log.LogInformation("Roles command refused for lack of role");
            return replies.SendAsync(message.ConversationId, Replies.Text("Only coordinators can list the board's roles."), ct);
        }
        var b = board.Value;
        var roles = new List<RoleHolders>
        {
            new("Coordinators", b.Coordinators),
            new("Deputy board managers", b.DeputyBoardManagers),
            new("Chairs", b.Chairs),
            new("Board admins", b.BoardAdmins),
            new("Auditors", b.Auditors),
        };
        roles.AddRange(b.Partners.Select(a => new RoleHolders($"Statutory partner: {a.Name}", a.Members)));
        roles.Add(new("Casting decision by", [b.TieBreak]));
        return replies.SendAsync(message.ConversationId, Replies.Card(BoardRolesCard.Build(b.Name, roles).ToJson()), ct);
    }
}
