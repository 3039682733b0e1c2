namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>An answer in words. Free text (typed by people) may be shortened on the review; choices never are.</summary>
public sealed record ReviewLineView(string Label, string Value, string? Error)
{
    public bool IsFreeText { get; init; }
}

/// <summary>A section of answers; with a <see cref="SectionId"/> the review offers "Edit this section".</summary>
public sealed record ReviewSectionView(string Title, IReadOnlyList<ReviewLineView> Lines)
{
    public string? SectionId { get; init; }
}

/// <summary>
/// Check your answers: every answer in words, errors in red, "Edit this section" under each section, then Submit
/// (only when ready) or Back. Long typed answers are shortened (the whole answer is saved and shown by Edit) so the
/// card stays within <see cref="CardSize"/> even with ten risks and every answer at its longest.
/// </summary>
public static class ReviewCard
{
    /// <summary>After each shortened answer; <see cref="ShortenedExplained"/> says once, at the top, what it means.</summary>
    public const string ShortenedNote = "(shortened here)";
    public const string ShortenedExplained = "Long answers are shortened here (\u2026). The whole answer is saved \u2014 use Edit to see it.";
    public const string TooLongToShow = "Your answers are too long to show together here. They are all saved: use Edit on each section to check them.";

    /// <summary>How much of a long answer is shown: the first that keeps the card within the size bound.
    /// 300 characters for any ordinary referral; less only when many answers are long.</summary>
    public static IReadOnlyList<int> ShortenedLengths { get; } = [300, 200, 150, 100, 60];

    public static AdaptiveCard Build(string caseId, IReadOnlyList<ReviewSectionView> sections, IReadOnlyList<string> generalErrors, bool readyToSubmit)
    {
        foreach (var length in ShortenedLengths)
        {
            var card = Draw(caseId, sections, generalErrors, readyToSubmit, length);
            if (CardSize.Fits(card.ToJson())) return card;
        }
        // Only answers far longer than the form allows (a card sent by hand) get here: the sections, their errors, Edit.
        return Draw(caseId, sections, generalErrors, readyToSubmit, shortenAt: null);
    }

    private static AdaptiveCard Draw(string caseId, IReadOnlyList<ReviewSectionView> sections, IReadOnlyList<string> generalErrors, bool readyToSubmit, int? shortenAt)
    {
        var body = new List<ICardElement> { ReferralCardParts.Heading("Check your answers") };
        foreach (var error in generalErrors) body.Add(ReferralCardParts.Error(error));
        if (!readyToSubmit)
            body.Add(new TextBlock { Text = "Some answers need correcting before you can submit. Go back to the sections marked below.", Color = TextColor.Attention });
        var explained = new TextBlock { Text = shortenAt is null ? TooLongToShow : ShortenedExplained, IsSubtle = true, Size = TextSize.Small };
        body.Add(explained);
        var shortenedAny = shortenAt is null;
        foreach (var section in sections)
        {
            body.Add(new TextBlock { Text = section.Title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Separator = true, Spacing = Spacing.Medium });
            if (shortenAt is { } length)
                body.AddRange(ReferralCardParts.Answers(section.Lines, line =>
                {
                    if (!line.IsFreeText) return CardText.Plain(line.Value, maxLength: 4000, keepLineBreaks: true);
                    var shown = ReferralCardParts.Shortened(line.Value, length, ShortenedNote);
                    shortenedAny |= shown.EndsWith(ShortenedNote, StringComparison.Ordinal);
                    return shown;
                }));
            else
                body.AddRange(section.Lines.Where(l => l.Error is not null).Take(5)
                    .Select(l => ReferralCardParts.Error($"{l.Label}: {l.Error}")));
            if (section.SectionId is { } id)
                body.Add(new ActionSet
                {
                    Actions = [ReferralCardParts.Button("Edit this section", ReferralVerbs.Edit, caseId) with { Data = EditData(caseId, id) }],
                });
        }
        var actions = new List<ICardAction> { ReferralCardParts.Button("Back", ReferralVerbs.Back, caseId) };
        if (readyToSubmit) actions.Add(ReferralCardParts.Button("Submit referral", ReferralVerbs.Submit, caseId, ActionStyle.Positive));
        actions.Add(ReferralCardParts.Button("Save and exit", ReferralVerbs.Save, caseId));
        if (!shortenedAny) body.Remove(explained);
        return new AdaptiveCard { Body = body, Actions = actions };
    }

    private static System.Text.Json.Nodes.JsonObject EditData(string caseId, string sectionId) =>
        new() { [ReferralVerbs.CaseIdKey] = caseId, [ReferralVerbs.StepKey] = sectionId };
}
