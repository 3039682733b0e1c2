using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Board;

/// <summary>One line of the case log as shown: when (London), who by role and agency, what, and its channel-safe detail.</summary>
public sealed record CaseLogLineView(string When, string Who, string What, string? Detail);

public sealed record CaseLogCardInput(string CaseId, string Reference, IReadOnlyList<CaseLogLineView> Lines, int Page, int Pages, int Total);

/// <summary>
/// A case's log, in order, a page at a time (the last page, the most recent, is shown first). Who is a role and agency,
/// never a name. The log holds no personal details and no typed text, so it may be read wherever the register may.
/// </summary>
public static class CaseLogCard
{
    public const int PageSize = 12;

    public static AdaptiveCard Build(CaseLogCardInput input)
    {
        var body = new List<ICardElement>
        {
            BoardCardParts.Heading($"Case log: {CardText.Plain(input.Reference, maxLength: 40)}"),
            new TextBlock { Text = $"{input.Total} entries, oldest first · page {input.Page} of {input.Pages}", IsSubtle = true, Spacing = Spacing.None },
        };
        foreach (var line in input.Lines)
        {
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock { Text = $"{line.When} · {CardText.Plain(line.Who, maxLength: 80)}", Size = TextSize.Small, IsSubtle = true },
                    new TextBlock
                    {
                        Text = line.Detail is { Length: > 0 } detail
                            ? $"**{CardText.Plain(line.What, maxLength: 80)}**: {CardText.Plain(detail, maxLength: 300)}"
                            : $"**{CardText.Plain(line.What, maxLength: 80)}**",
                        Spacing = Spacing.None,
                    },
                ],
            });
        }
        JsonObject Page(int page) => new() { [BoardVerbs.CaseIdKey] = input.CaseId, [BoardVerbs.PageKey] = page };
        var actions = new List<ICardAction>();
        if (input.Page > 1) actions.Add(BoardCardParts.Button("Earlier", BoardVerbs.ShowLog, Page(input.Page - 1)));
        if (input.Page < input.Pages) actions.Add(BoardCardParts.Button("Later", BoardVerbs.ShowLog, Page(input.Page + 1)));
        actions.Add(BoardCardParts.Button("The case", BoardVerbs.OpenCase, new JsonObject { [BoardVerbs.CaseIdKey] = input.CaseId }));
        return new AdaptiveCard { Body = body, Actions = actions };
    }
}
