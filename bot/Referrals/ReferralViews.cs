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

    /// <summary>The card for a step: a form section, or the review page.</summary>
    public static AdaptiveCard Step(string caseId, ReferralDraft draft, string stepId, DateOnly today, IReadOnlyList<FieldError>? errors = null)
    {
        var section = ReferralForm.Find(stepId) ?? ReferralForm.Sections[0];
        if (section.Id == ReferralForm.ReviewStep) return Review(caseId, draft, today);
        var byField = (errors ?? []).GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
        var fields = section.FieldsFor(draft.RiskCount).Select(f => new FieldView(f.Id, f.Label, KindOf(f.Kind))
        {
            Value = draft.Get(f.Id),
            Error = byField.GetValueOrDefault(f.Id),
            HelpText = f.HelpText,
            MaxLength = f.MaxLength,
            Choices = [.. f.Choices.Select(c => new Choice(c.Title, c.Value))],
        }).ToList();
        // Errors about the section as a whole ("add at least one risk") go at the top.
        var general = (errors ?? []).Where(e => fields.All(f => f.Id != e.Field)).Select(e => e.Message).ToList();
        var notice = errors is { Count: > 0 }
            ? string.Join(" ", [$"Please correct the {(errors.Count == 1 ? "answer" : $"{errors.Count} answers")} marked below.", .. general])
            : null;
        return ReferralSectionCard.Build(new SectionView(caseId, section.Id, ReferralForm.Progress(section.Id), section.Title, section.Intro, fields)
        {
            CanGoBack = ReferralForm.Previous(section.Id) is not null,
            Notice = notice,
        });
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
