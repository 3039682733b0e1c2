using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Board;

/// <summary>One case in a digest section: its reference and what is due, with the date.</summary>
public sealed record DigestLine(string CaseId, string Reference, string What);

public sealed record DigestSectionView(string Title, IReadOnlyList<DigestLine> Lines);

/// <summary>
/// The coordinators' morning digest in their channel: what is overdue, due today, due soon, waiting for triage too long,
/// meetings not booked, actions overdue and reviews due. References, deadline words and dates only. At most
/// <see cref="MaxLines"/> lines, so it stays short on a phone; the rest are counted and "cases" lists them all. Each
/// line opens the case (row selectAction).
/// </summary>
public static class DigestCard
{
    public const int MaxLines = 14;

    public static AdaptiveCard Build(string day, IReadOnlyList<DigestSectionView> sections)
    {
        var body = new List<ICardElement> { BoardCardParts.Heading($"Deadline digest: {day}") };
        var shown = 0;
        var hidden = 0;
        foreach (var section in sections.Where(s => s.Lines.Count > 0))
        {
            var room = Math.Max(0, MaxLines - shown);
            hidden += Math.Max(0, section.Lines.Count - room);
            if (room == 0) continue;
            body.Add(new TextBlock { Text = $"{section.Title} ({section.Lines.Count})", Weight = TextWeight.Bolder, Separator = true });
            foreach (var line in section.Lines.Take(room))
            {
                body.Add(Line(line));
                shown++;
            }
        }
        if (hidden > 0)
            body.Add(new TextBlock { Text = $"And {hidden} more. Type \"cases\" to see every open case.", IsSubtle = true, Separator = true });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [BoardCardParts.Button("Open the register", BoardVerbs.ShowRegister, new JsonObject(), ActionStyle.Positive)],
        };
    }

    /// <summary>A personal reminder to the person who must act (the deputy board manager for triage, the chair for a casting decision).</summary>
    public static AdaptiveCard Reminder(string title, string why, IReadOnlyList<DigestLine> lines) => new()
    {
        Body =
        [
            BoardCardParts.Heading(title),
            new TextBlock { Text = why },
            .. lines.Take(MaxLines).Select(Line),
            .. lines.Count > MaxLines ? [new TextBlock { Text = $"And {lines.Count - MaxLines} more.", IsSubtle = true }] : Array.Empty<ICardElement>(),
        ],
        Actions = [BoardCardParts.Button("Open the register", BoardVerbs.ShowRegister, new JsonObject(), ActionStyle.Positive)],
    };

    private static Container Line(DigestLine line) => new()
    {
        Spacing = Spacing.Small,
        SelectAction = BoardCardParts.Button($"Open {line.Reference}", BoardVerbs.OpenCase, new JsonObject { [BoardVerbs.CaseIdKey] = line.CaseId }),
        Items = [new TextBlock { Text = $"**{CardText.Plain(line.Reference, maxLength: 40)}** · {CardText.Plain(line.What, maxLength: 120)}" }],
    };
}
