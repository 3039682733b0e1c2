using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Referrals;

/// <summary>Turns the referral form (data) into what the cards draw: the only place the two meet.</summary>
public static class ReferralViews
{
    public static AdaptiveCard RouteCheck(IReadOnlyDictionary<string, string?>? answers = null, IReadOnlyList<FieldError>? errors = null) =>
        RouteCheckCard.Build(
            [.. Escalation.Referrals.RouteCheck.Questions.Select(q => new RouteQuestion(q.FieldId, q.Question,
                answers?.GetValueOrDefault(q.FieldId), errors?.FirstOrDefault(e => e.Field == q.FieldId)?.Message))],
            Escalation.Referrals.RouteCheck.Note);

    public static AdaptiveCard Redirect(RouteCheckResult result) =>
        RedirectCard.Build([.. result.Redirects.Select(r => new RedirectAdvice(r.Title, r.Advice))]);

    /// <summary>
    /// The card for a step: a form section, or the review page. On the risks section <paramref name="openRisk"/> is
    /// the risk whose inputs are shown (the others are summaries); null opens the first risk with an error, else risk 1.
    /// </summary>
    public static AdaptiveCard Step(string caseId, ReferralDraft draft, string stepId, DateOnly today, IReadOnlyList<FieldError>? errors = null, int? openRisk = null)
    {
        var section = ReferralForm.Find(stepId) ?? ReferralForm.Sections[0];
        if (section.Id == ReferralForm.ReviewStep) return Review(caseId, draft, today);
        errors ??= [];
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
        FieldView View(FormField f) => new(f.Id, f.Label, KindOf(f.Kind))
        {
            Value = draft.Get(f.Id),
            Error = byField.GetValueOrDefault(f.Id),
            HelpText = f.HelpText,
            MaxLength = f.MaxLength,
            Choices = [.. f.Choices.Select(c => new Choice(c.Title, c.Value))],
        };
        var visible = section.FieldsFor(draft.RiskCount);
        var fields = visible.Where(f => f.RiskNumber is null).Select(View).ToList();
        var risks = RiskList(section, draft, errors, openRisk, View);
        // Errors about the section as a whole ("add at least one risk") go at the top; a risk's errors go by that risk.
        var general = errors.Where(e => visible.All(f => f.Id != e.Field)).Select(e => e.Message).ToList();
        var marked = errors.Count - general.Count;
        var notice = errors.Count == 0 ? null
            : marked == 0 ? string.Join(" ", general)
            : string.Join(" ", [$"Please correct the {(marked == 1 ? "answer" : $"{marked} answers")} marked below.", .. general]);
        return ReferralSectionCard.Build(new SectionView(caseId, section.Id, ReferralForm.Progress(section.Id), section.Title, section.Intro, fields)
        {
            CanGoBack = ReferralForm.Previous(section.Id) is not null,
            Notice = notice,
            Risks = risks,
        });
    }

    /// <summary>The risk to show open: the one asked for, unless errors are elsewhere and none on it (then the first with errors).</summary>
    public static int RiskToOpen(int? requested, IReadOnlyList<FieldError> errors, int riskCount)
    {
        var withErrors = errors.Select(e => ReferralForm.FindField(e.Field)?.RiskNumber).OfType<int>().Where(n => n <= riskCount).Order().ToList();
        var asked = requested is { } r && r >= 1 && r <= riskCount ? r : (int?)null;
        if (withErrors.Count > 0 && (asked is null || !withErrors.Contains(asked.Value))) return withErrors[0];
        return asked ?? 1;
    }

    private static RiskListView? RiskList(FormSection section, ReferralDraft draft, IReadOnlyList<FieldError> errors, int? openRisk, Func<FormField, FieldView> view)
    {
        var riskFields = section.FieldsFor(draft.RiskCount).Where(f => f.RiskNumber is not null).ToList();
        if (!section.Fields.Any(f => f.RiskNumber is not null)) return null;
        var open = draft.RiskCount == 0 ? 0 : RiskToOpen(openRisk, errors, draft.RiskCount);
        var lastRisk = section.Fields.ToList().FindLastIndex(f => f.RiskNumber is not null);
        var others = Enumerable.Range(1, draft.RiskCount).Where(n => n != open).Select(n => new RiskSummaryView(n,
            RiskSummary(draft, n),
            errors.FirstOrDefault(e => ReferralForm.FindField(e.Field)?.RiskNumber == n)?.Message)).ToList();
        return new RiskListView(open, draft.RiskCount, ReferralForm.MaxRisks, [.. riskFields.Where(f => f.RiskNumber == open).Select(view)], others)
        {
            BeforeFieldId = lastRisk + 1 < section.Fields.Count ? section.Fields[lastRisk + 1].Id : null,
            CanRemove = draft.RiskCount > ReferralForm.MinRisks,
        };
    }

    /// <summary>One line for a closed risk: what worries the group, and the scores after mitigation when given.</summary>
    private static string RiskSummary(ReferralDraft draft, int n)
    {
        var worries = draft.Get(ReferralFields.Risk(n, ReferralFields.RiskPart.Worries));
        var what = worries is null ? "not described yet" : worries.Length > 80 ? Shorten(worries, 79) : worries;
        var likelihood = FieldValues.ParseWholeNumber(draft.Get(ReferralFields.Risk(n, ReferralFields.RiskPart.LikelihoodAfter)));
        var impact = FieldValues.ParseWholeNumber(draft.Get(ReferralFields.Risk(n, ReferralFields.RiskPart.ImpactAfter)));
        return likelihood is null || impact is null ? what : $"{what} (after mitigation: likelihood {likelihood}, impact {impact})";
    }

    public static AdaptiveCard Review(string caseId, ReferralDraft draft, DateOnly today)
    {
        var page = ReferralReview.For(draft, today);
        return ReviewCard.Build(caseId,
            [.. page.Sections.Select(s => new ReviewSectionView(s.Title, [.. s.Lines.Select(l => new ReviewLineView(l.Label, l.Value, l.Error))]))],
            [.. page.GeneralErrors.Select(e => e.Message)],
            page.ReadyToSubmit);
    }

    /// <summary>A submitted version in words, for the details card: no validation, just the answers.</summary>
    public static IReadOnlyList<ReviewSectionView> Answers(ReferralDraft draft) =>
        [.. ReferralForm.Sections.Select(s => new ReviewSectionView(s.Title,
            [.. s.FieldsFor(draft.RiskCount).Select(f => new ReviewLineView(f.Label, ReferralReview.Describe(f, draft.Get(f.Id)), null))]))];

    private static string Shorten(string text, int length)
    {
        if (char.IsHighSurrogate(text[length - 1])) length--; // never half an emoji
        return text[..length] + "\u2026";
    }

    private static FieldInputKind KindOf(FieldKind kind) => kind switch
    {
        FieldKind.Text => FieldInputKind.Text,
        FieldKind.Multiline => FieldInputKind.Multiline,
        FieldKind.Date => FieldInputKind.Date,
        FieldKind.Number => FieldInputKind.Number,
        FieldKind.Choice => FieldInputKind.Choice,
        FieldKind.MultiChoice => FieldInputKind.MultiChoice,
        _ => FieldInputKind.Toggle,
    };
}
