namespace TeamsSafeguarding.Cards.Meetings;

/// <summary>
/// A short notice about a case's review meeting for the coordinators' channel (an overdue action, the review date, a
/// calendar refusal, people the bot could not reach): the reference, what happened, facts from lists, dates and counts,
/// and at most one button that opens the details privately for whoever clicks.
/// </summary>
public sealed record MeetingNoticeInput(string CaseId, string Reference, string Title, IReadOnlyList<Fact> Facts)
{
    public string? Words { get; init; }
    public bool Warning { get; init; }
    public (string Title, string Verb)? Button { get; init; }
}

public static class MeetingNoticeCard
{
    public static AdaptiveCard Build(MeetingNoticeInput input)
    {
        var body = new List<ICardElement> { MeetingCardParts.Heading($"Referral {input.Reference}: {input.Title}") };
        if (input.Facts.Count > 0) body.Add(new FactSet { Facts = input.Facts });
        if (input.Words is { } words) body.Add(input.Warning ? Notice.Warning(words) : new TextBlock { Text = words });
        return new AdaptiveCard
        {
            Body = body,
            Actions = input.Button is { } button
                ? [new ExecuteAction { Title = button.Title, Verb = button.Verb, Data = MeetingCardParts.Data(input.CaseId), Style = ActionStyle.Positive }]
                : [],
        };
    }
}
