namespace TeamsSafeguarding.Cards.Referrals;

public sealed record ReviewLineView(string Label, string Value, string? Error);
public sealed record ReviewSectionView(string Title, IReadOnlyList<ReviewLineView> Lines);

/// <summary>Check your answers: every answer in words, errors in red, then Submit (only when ready) or Back.</summary>
public static class ReviewCard
{
    public static AdaptiveCard Build(string caseId, IReadOnlyList<ReviewSectionView> sections, IReadOnlyList<string> generalErrors, bool readyToSubmit)
    {
        var body = new List<ICardElement> { ReferralCardParts.Heading("Check your answers") };
        foreach (var error in generalErrors) body.Add(ReferralCardParts.Error(error));
        if (!readyToSubmit)
            body.Add(new TextBlock { Text = "Some answers need correcting before you can submit. Go back to the sections marked below.", Color = TextColor.Attention });
        foreach (var section in sections)
        {
            body.Add(new TextBlock { Text = section.Title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Separator = true, Spacing = Spacing.Medium });
            foreach (var line in section.Lines)
            {
                body.Add(new TextBlock { Text = line.Label, Weight = TextWeight.Bolder, Size = TextSize.Small, Spacing = Spacing.Small });
                body.Add(new TextBlock { Text = CardText.Plain(line.Value, maxLength: 4000, keepLineBreaks: true), Spacing = Spacing.None });
                if (line.Error is not null) body.Add(ReferralCardParts.Error(line.Error));
            }
        }
        var actions = new List<ICardAction> { ReferralCardParts.Button("Back", ReferralVerbs.Back, caseId) };
        if (readyToSubmit) actions.Add(ReferralCardParts.Button("Submit referral", ReferralVerbs.Submit, caseId, ActionStyle.Positive));
        actions.Add(ReferralCardParts.Button("Save and exit", ReferralVerbs.Save, caseId));
        return new AdaptiveCard { Body = body, Actions = actions };
    }
}
