using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>An answer in words. Free text (typed by people) may be shortened on the review; choices never are.</summary>
public sealed record ReviewLineView(string Label, string Value, string? Error)
{
    public bool IsFreeText { get; init; }
}

/// <summary>A step of the form on "Check your answers": its title, how many of its answers need correcting.</summary>
public sealed record ReviewStepView(string SectionId, string Title, int Problems);

/// <summary>One step's answers on its own "Check your answers" page.</summary>
public sealed record ReviewPageView(string CaseId, string SectionId, string Progress, string Title, IReadOnlyList<ReviewLineView> Lines)
{
    /// <summary>How to read the page, when it shows less than the answers (e.g. the start of each risk).</summary>
    public string? Note { get; init; }
}

/// <summary>
/// Check your answers, a page at a time so each fits a phone: the overview lists every step as a row (with how many
/// answers need correcting) that opens that step's answers; a step's page shows them, with "Edit: &lt;step&gt;" and
/// "Back to check your answers". Submit is on the overview, only when everything is ready.
/// </summary>
public static class ReviewCard
{
    /// <summary>After each shortened answer on a step's page (Edit shows the whole of it).</summary>
    public const string ShortenedNote = "(shortened: Edit shows it all)";

    /// <summary>How much of a long answer a step's page shows: the first that keeps the page's typed text within <see cref="PageBudget"/>.</summary>
    public static IReadOnlyList<int> ShortenedLengths { get; } = [600, 300, 150, 80, 40];

    /// <summary>Characters of answers one page shows at most: with labels, about a phone screen of text at its widest.</summary>
    public const int PageBudget = 1200;

    public static AdaptiveCard Overview(string caseId, IReadOnlyList<ReviewStepView> steps, IReadOnlyList<string> generalErrors, bool readyToSubmit)
    {
        var body = new List<ICardElement> { ReferralCardParts.Heading("Check your answers") };
        foreach (var error in generalErrors) body.Add(ReferralCardParts.Error(error));
        body.Add(new TextBlock
        {
            Text = readyToSubmit
                ? "Everything needed is answered. Open a step to read its answers, or submit the referral."
                : "Some answers need correcting before you can submit. Open the steps marked below.",
            Spacing = Spacing.Small,
        });
        foreach (var step in steps)
            body.Add(step.Problems == 0
                ? ReferralCardParts.Row(step.Title, Open(caseId, step.SectionId, step.Title), "Answered")
                : ReferralCardParts.Row(step.Title, Open(caseId, step.SectionId, step.Title), null,
                    step.Problems == 1 ? "1 answer needs correcting" : $"{step.Problems} answers need correcting"));
        var actions = new List<ICardAction>();
        if (readyToSubmit) actions.Add(ReferralCardParts.Button("Submit referral", ReferralVerbs.Submit, caseId, ActionStyle.Positive));
        actions.Add(ReferralCardParts.Button("Back", ReferralVerbs.Back, caseId) with { Data = StepData(caseId, "review") });
        actions.Add(ReferralCardParts.Button("Save and exit", ReferralVerbs.Save, caseId));
        return new AdaptiveCard { Body = body, Actions = actions };
    }

    public static AdaptiveCard Page(ReviewPageView page)
    {
        var freeText = page.Lines.Where(l => l.IsFreeText).Select(l => l.Value.Length).ToList();
        var length = ShortenedLengths.FirstOrDefault(l => freeText.Sum(n => Math.Min(n, l)) <= PageBudget, ShortenedLengths[^1]);
        var body = new List<ICardElement>
        {
            ReferralCardParts.Progress($"Check your answers \u00B7 {page.Progress}"),
            ReferralCardParts.Heading(page.Title),
        };
        if (page.Note is not null) body.Add(new TextBlock { Text = page.Note, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Small });
        body.Add(new ActionSet
            {
                Actions = [ReferralCardParts.Button($"Edit: {page.Title}", ReferralVerbs.Edit, page.CaseId) with { Data = StepData(page.CaseId, page.SectionId) }],
            });
        body.AddRange(ReferralCardParts.Answers(page.Lines, line => line.IsFreeText
            ? ReferralCardParts.Shortened(line.Value, length, ShortenedNote)
            : CardText.Plain(line.Value, maxLength: 4000, keepLineBreaks: true)));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [ReferralCardParts.Button("Back to check your answers", ReferralVerbs.Review, page.CaseId, ActionStyle.Positive)],
        };
    }

    private static ExecuteAction Open(string caseId, string sectionId, string title) =>
        ReferralCardParts.Button($"Check {title}", ReferralVerbs.ReviewStep, caseId) with { Data = StepData(caseId, sectionId) };

    private static JsonObject StepData(string caseId, string sectionId) =>
        new() { [ReferralVerbs.CaseIdKey] = caseId, [ReferralVerbs.StepKey] = sectionId };
}
