using TeamsSafeguarding.Cards;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Referrals;

/// <summary>Turns the referral form (data) into what the cards draw: the only place the two meet.</summary>
public static class ReferralViews
{
    /// <summary>Characters of answers on one page of the case details: about a phone screen of text at its widest.</summary>
    public const int DetailsPageBudget = 1500;

    public static AdaptiveCard RouteCheck(IReadOnlyDictionary<string, string?>? answers = null, IReadOnlyList<FieldError>? errors = null) =>
        RouteCheckCard.Build(
            [.. Escalation.Referrals.RouteCheck.Questions.Select(q => new RouteQuestion(q.FieldId, q.Question,
                answers?.GetValueOrDefault(q.FieldId), errors?.FirstOrDefault(e => e.Field == q.FieldId)?.Message))],
            Escalation.Referrals.RouteCheck.Note);

    public static AdaptiveCard Redirect(RouteCheckResult result) =>
        RedirectCard.Build([.. result.Redirects.Select(r => new RedirectAdvice(r.Title, r.Advice))]);

    /// <summary>
    /// The card for a step: a form step, or the review. On the risks step <paramref name="openRisk"/> is the risk whose
    /// inputs are shown (the others are rows); null opens the first risk with an error, else risk 1. <paramref name="editing"/>:
    /// the step was opened from "Check your answers", and its button goes back there.
    /// </summary>
    public static AdaptiveCard Step(string caseId, ReferralDraft draft, string stepId, DateOnly today, IReadOnlyList<FieldError>? errors = null,
        int? openRisk = null, bool editing = false, ReferringAgencies? agencies = null)
    {
        var section = ReferralForm.Find(stepId, agencies) ?? ReferralForm.SectionsFor(agencies)[0];
        if (section.Id == ReferralForm.ReviewStep) return Review(caseId, draft, today, agencies);
        errors ??= [];
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
        FieldView View(FormField f) => new(f.Id, f.RiskNumber is { } n ? WithinRisk(f.Label, n) : f.Label, KindOf(f.Kind))
        {
            Value = draft.Get(f.Id),
            Error = byField.GetValueOrDefault(f.Id),
            HelpText = f.HelpText,
            MaxLength = f.MaxLength,
            Choices = [.. f.Choices.Select(c => new Choice(c.Title, c.Value))],
            Compact = f.Compact,
            // The four scores, two to a row: they are short drop-downs.
            Half = f.Kind == FieldKind.Number && f.RiskNumber is not null,
        };
        var visible = section.FieldsFor(draft.RiskCount);
        var fields = visible.Where(f => f.RiskNumber is null).Select(View).ToList();
        var risks = RiskList(section, draft, errors, openRisk, View);
        // Errors about the step as a whole ("add at least one risk") go at the top; a risk's errors go by that risk.
        var general = errors.Where(e => visible.All(f => f.Id != e.Field)).Select(e => e.Message).ToList();
        var marked = errors.Count - general.Count;
        var notice = errors.Count == 0 ? null
            : marked == 0 ? string.Join(" ", general)
            : string.Join(" ", [$"Please correct the {(marked == 1 ? "answer" : $"{marked} answers")} marked below.", .. general]);
        return ReferralSectionCard.Build(new SectionView(caseId, section.Id, ReferralForm.Progress(section.Id), section.Title, section.Intro, fields)
        {
            CanGoBack = ReferralForm.Previous(section.Id) is not null,
            Editing = editing,
            Notice = notice,
            Risks = risks,
        });
    }

    /// <summary>A risk's label inside its own box, which already says "Risk 3": "Likelihood before mitigation (1-5)".</summary>
    private static string WithinRisk(string label, int risk) =>
        label.StartsWith($"Risk {risk}: ", StringComparison.Ordinal) is var prefixed && prefixed
            ? char.ToUpperInvariant(label[$"Risk {risk}: ".Length]) + label[($"Risk {risk}: ".Length + 1)..]
            : label;

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
        if (!section.Fields.Any(f => f.RiskNumber is not null)) return null;
        var riskFields = section.FieldsFor(draft.RiskCount).Where(f => f.RiskNumber is not null).ToList();
        var open = draft.RiskCount == 0 ? 0 : RiskToOpen(openRisk, errors, draft.RiskCount);
        var others = Enumerable.Range(1, draft.RiskCount).Where(n => n != open).Select(n => new RiskSummaryView(n,
            RiskSummary(draft, n),
            errors.FirstOrDefault(e => ReferralForm.FindField(e.Field)?.RiskNumber == n)?.Message)).ToList();
        return new RiskListView(open, draft.RiskCount, ReferralForm.MaxRisks, [.. riskFields.Where(f => f.RiskNumber == open).Select(view)], others)
        {
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

    /// <summary>"Check your answers": every step as a row, with how many of its answers need correcting.</summary>
    public static AdaptiveCard Review(string caseId, ReferralDraft draft, DateOnly today, ReferringAgencies? agencies = null)
    {
        var page = ReferralReview.For(draft, today, agencies);
        return ReviewCard.Overview(caseId,
            [.. page.Sections.Select(s => new ReviewStepView(s.SectionId, s.Title, s.Lines.Count(l => l.Error is not null)))],
            [.. page.GeneralErrors.Select(e => e.Message)],
            page.ReadyToSubmit);
    }

    /// <summary>One step's answers on its own "Check your answers" page (the review's overview for an unknown step).</summary>
    public static AdaptiveCard ReviewStep(string caseId, ReferralDraft draft, string? stepId, DateOnly today, ReferringAgencies? agencies = null)
    {
        var section = ReferralReview.For(draft, today, agencies).Sections.FirstOrDefault(s => s.SectionId == stepId);
        if (section is null) return Review(caseId, draft, today, agencies);
        var risks = section.SectionId == ReferralForm.RisksSection;
        var lines = risks ? RiskReviewLines(section.Lines, draft.RiskCount) : ReviewLines(section.Lines);
        return ReviewCard.Page(new ReviewPageView(caseId, section.SectionId, ReferralForm.Progress(section.SectionId), section.Title, lines)
            { Note = risks ? RisksReviewNote : null });
    }

    /// <summary>
    /// The risks on the review, one short line each: the four scores, the start of what the group is worried about, and
    /// how many of the risk's answers need correcting. The rest is left to Edit: ten risks of seven answers would need
    /// three phone screens.
    /// </summary>
    private static IReadOnlyList<ReviewLineView> RiskReviewLines(IReadOnlyList<ReviewLine> lines, int risks)
    {
        var result = new List<ReviewLineView>();
        for (var n = 1; n <= risks; n++)
        {
            ReviewLine? Part(string part) => lines.FirstOrDefault(l => l.FieldId == ReferralFields.Risk(n, part));
            // In the label, which the card draws as markdown: a score typed by hand is made plain here.
            string Score(string part) => Part(part)?.Value is { } v && v != ReferralReview.NotAnswered ? CardText.Plain(v, maxLength: 12) : "?";
            var problems = ReferralFields.RiskPart.All.Count(p => Part(p)?.Error is not null);
            result.Add(new ReviewLineView(
                $"Risk {n}: {Score(ReferralFields.RiskPart.LikelihoodBefore)} \u00D7 {Score(ReferralFields.RiskPart.ImpactBefore)} before mitigation, " +
                $"{Score(ReferralFields.RiskPart.LikelihoodAfter)} \u00D7 {Score(ReferralFields.RiskPart.ImpactAfter)} after",
                Part(ReferralFields.RiskPart.Worries)?.Value is { } worries && worries.Length > RiskStartShown ? Shorten(worries, RiskStartShown) : Part(ReferralFields.RiskPart.Worries)?.Value ?? ReferralReview.NotAnswered,
                problems == 0 ? null : problems == 1 ? "1 answer needs correcting: Edit shows which" : $"{problems} answers need correcting: Edit shows which"));
        }
        return result;
    }

    /// <summary>How much of what the group is worried about the review shows for each risk.</summary>
    private const int RiskStartShown = 30;

    public const string RisksReviewNote = "Scores read likelihood \u00D7 impact. Only the start of what the group is worried about is shown here: Edit shows each risk whole.";

    private static IReadOnlyList<ReviewLineView> ReviewLines(IReadOnlyList<ReviewLine> lines) =>
        [.. lines.Select(l => Line(l.FieldId, l.Label, l.Value, l.Error))];

    private static ReviewLineView Line(string fieldId, string label, string value, string? error) => new(label, value, error)
    {
        // What was typed: text, and a date that could not be read (shown as typed). Choices are shown whole.
        IsFreeText = ReferralForm.FindField(fieldId)?.Kind is FieldKind.Text or FieldKind.Multiline or FieldKind.Date,
    };

    /// <summary>A page of the case details: its title (the step, or "Risk 3 of 10") and its answers.</summary>
    public sealed record DetailsPage(string SectionId, string Title, IReadOnlyList<ReviewLineView> Lines);

    /// <summary>
    /// A submitted version as pages: each step (and each risk) starts a page, and a page holds up to
    /// <see cref="DetailsPageBudget"/> characters of answers; a longer answer carries on over the next pages, whole.
    /// </summary>
    public static IReadOnlyList<DetailsPage> DetailsPages(ReferralDraft draft, ReferringAgencies? agencies = null)
    {
        var pages = new List<DetailsPage>();
        var risks = Math.Max(draft.RiskCount, 0);
        foreach (var section in ReferralForm.SectionsFor(agencies))
        {
            var parts = section.Id == ReferralForm.RisksSection
                ? Enumerable.Range(1, risks).Select(n => ($"Risk {n} of {risks}", section.FieldsFor(risks).Where(f => f.RiskNumber == n).ToList()))
                : [(section.Title, section.Fields.ToList())];
            foreach (var (title, fields) in parts)
            {
                var lines = fields.Select(f => Line(f.Id, f.Label, ReferralReview.Describe(f, draft.Get(f.Id)), null));
                pages.AddRange(Paginate(lines).Select(l => new DetailsPage(section.Id, title, l)));
            }
        }
        return pages;
    }

    private static IEnumerable<IReadOnlyList<ReviewLineView>> Paginate(IEnumerable<ReviewLineView> lines)
    {
        const int labelCost = 60; // a label and the space around an answer, in characters of answer
        var page = new List<ReviewLineView>();
        var used = 0;
        foreach (var line in lines)
        {
            var rest = line;
            while (used + labelCost + rest.Value.Length > DetailsPageBudget)
            {
                var room = DetailsPageBudget - used - labelCost;
                if (room >= 200 || page.Count == 0)
                {
                    var cut = CutAt(rest.Value, Math.Max(room, 200));
                    page.Add(rest with { Value = rest.Value[..cut].TrimEnd() + " \u2026" });
                    rest = rest with { Label = $"{line.Label} (continued)", Value = rest.Value[cut..].TrimStart() };
                }
                yield return page;
                page = [];
                used = 0;
            }
            page.Add(rest);
            used += labelCost + rest.Value.Length;
        }
        if (page.Count > 0) yield return page;
    }

    /// <summary>Where to cut a long answer: the last space before <paramref name="max"/>, never inside an emoji.</summary>
    private static int CutAt(string text, int max)
    {
        var space = text.LastIndexOf(' ', Math.Min(max, text.Length - 1));
        var cut = space > max / 2 ? space : max;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return cut;
    }

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
