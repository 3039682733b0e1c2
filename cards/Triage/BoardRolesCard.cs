namespace TeamsSafeguarding.Cards.Triage;

/// <summary>One role and who holds it (configured ids, not names: the card may be read in a channel).</summary>
public sealed record RoleHolders(string Role, IReadOnlyList<string> Ids);

/// <summary>One earlier change of the roles: its date and what changed, in counts ("added to Chairs: 1 person").</summary>
public sealed record RoleChangeLine(string Date, IReadOnlyList<string> What);

/// <param name="ConfiguredOn">The date the roles in force were stored; null when they are not stored yet (shown from configuration).</param>
public sealed record BoardRolesCardInput(string BoardName, string? ConfiguredOn, IReadOnlyList<RoleHolders> Roles, IReadOnlyList<RoleChangeLine> RecentChanges);

/// <summary>The "roles" command's answer for coordinators: who the bot treats as holding each role, and recent changes.</summary>
public static class BoardRolesCard
{
    public static AdaptiveCard Build(BoardRolesCardInput input)
    {
        var body = new List<ICardElement>
        {
            new TextBlock { Text = $"Roles for {CardText.Plain(input.BoardName)}", Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new TextBlock
            {
                Text = input.ConfiguredOn is { } on
                    ? $"As configured on {CardText.Plain(on)}. Ask a board admin to change them."
                    : "From the bot's configuration; not stored yet. Ask a board admin to change them.",
                IsSubtle = true,
            },
            new FactSet
            {
                Facts = input.Roles.Select(r => new Fact(CardText.Plain(r.Role),
                    r.Ids.Count == 0 ? "Nobody set up" : CardText.Plain(string.Join(", ", r.Ids)))).ToList(),
            },
        };
        if (input.ConfiguredOn is not null)
        {
            body.Add(new TextBlock { Text = "Recent changes", Weight = TextWeight.Bolder, Separator = true });
            body.Add(input.RecentChanges.Count == 0
                ? new TextBlock { Text = "No changes since the roles were first stored.", IsSubtle = true }
                : new FactSet
                {
                    Facts = input.RecentChanges.Select(c => new Fact(CardText.Plain(c.Date), CardText.Plain(string.Join("; ", c.What)))).ToList(),
                });
        }
        return new AdaptiveCard { Body = body };
    }
}
