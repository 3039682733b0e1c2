namespace TeamsSafeguarding.Cards.Triage;

/// <summary>One role and who holds it (configured ids, not names: the card may be read in a channel).</summary>
public sealed record RoleHolders(string Role, IReadOnlyList<string> Ids);

/// <summary>The "roles" command's answer for coordinators: who the bot treats as holding each role.</summary>
public static class BoardRolesCard
{
    public static AdaptiveCard Build(string boardName, IReadOnlyList<RoleHolders> roles) => new()
    {
        Body =
        [
            new TextBlock { Text = $"Roles for {CardText.Plain(boardName)}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new TextBlock { Text = "From the bot's configuration (section Board). Ask a board admin to change them.", IsSubtle = true },
            new FactSet
            {
                Facts = roles.Select(r => new Fact(CardText.Plain(r.Role),
                    r.Ids.Count == 0 ? "Nobody set up" : CardText.Plain(string.Join(", ", r.Ids)))).ToList(),
            },
        ],
    };
}
