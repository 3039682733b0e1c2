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
    public static AdaptiveCard Step(string caseId, ReferralDraft draft, string stepId, DateOnly today, IReadOnlyList<FieldError>? errors = null,
        int? openRisk = null, ReferringAgencies? agencies = null)
    {
        var section = ReferralForm.Find(stepId, agencies) ?? ReferralForm.SectionsFor(agencies)[0];
        if (section.Id == ReferralForm.ReviewStep) return Review(caseId, draft, today, agencies);
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

    public static AdaptiveCard Review(string caseId, ReferralDraft draft, DateOnly today, ReferringAgencies? agencies = null)
    {
        var page = ReferralReview.For(draft, today, agencies);
        return ReviewCard.Build(caseId,
            [.. page.Sections.Select(s => new ReviewSectionView(s.Title, ReviewLines(s.Lines)) { SectionId = s.SectionId })],
            [.. page.GeneralErrors.Select(e => e.Message)],
            page.ReadyToSubmit);
    }

    /// <summary>
    /// The review's lines, with each risk's four scores on one line (and their errors together under it): ten risks
    /// of four labelled lines each would take a quarter of the card's size bound.
    /// </summary>
    private static IReadOnlyList<ReviewLineView> ReviewLines(IReadOnlyList<ReviewLine> lines)
    {
        var result = new List<ReviewLineView>();
        var scored = new HashSet<int>();
        foreach (var line in lines)
        {
            var field = ReferralForm.FindField(line.FieldId);
            if (field is not { RiskNumber: { } n, Kind: FieldKind.Number })
            {
                result.Add(Line(line.FieldId, line.Label, line.Value, line.Error));
                continue;
            }
            if (!scored.Add(n)) continue;
            // A score is a digit; anything else typed there is shown, cut short, next to its error.
            string Score(string part) => lines.FirstOrDefault(l => l.FieldId == ReferralFields.Risk(n, part))?.Value is { } v
                ? v.Length > 20 ? Shorten(v, 19) : v
                : ReferralReview.NotAnswered;
            string? Error(string part, string when) =>
                lines.FirstOrDefault(l => l.FieldId == ReferralFields.Risk(n, part))?.Error is { } e ? $"{when}: {e}" : null;
            var errors = new[]
            {
                Error(ReferralFields.RiskPart.LikelihoodBefore, "Before mitigation"), Error(ReferralFields.RiskPart.ImpactBefore, "Before mitigation"),
                Error(ReferralFields.RiskPart.LikelihoodAfter, "After mitigation"), Error(ReferralFields.RiskPart.ImpactAfter, "After mitigation"),
            }.OfType<string>().ToList();
            result.Add(new ReviewLineView($"Risk {n}: scores (1-5)",
                $"Before mitigation: likelihood {Score(ReferralFields.RiskPart.LikelihoodBefore)}, impact {Score(ReferralFields.RiskPart.ImpactBefore)}. " +
                $"After mitigation: likelihood {Score(ReferralFields.RiskPart.LikelihoodAfter)}, impact {Score(ReferralFields.RiskPart.ImpactAfter)}.",
                errors.Count == 0 ? null : string.Join("; ", errors)));
        }
        return result;
    }

    private static ReviewLineView Line(string fieldId, string label, string value, string? error) => new(label, value, error)
    {
        // What was typed: text, and a date that could not be read (shown as typed). Choices are shown whole.
        IsFreeText = ReferralForm.FindField(fieldId)?.Kind is FieldKind.Text or FieldKind.Multiline or FieldKind.Date,
    };

    /// <summary>
    /// One page of a submitted version for the details card: a section (the risks section without its risks), or
    /// one risk. An unknown page is the first section; a risk beyond the count is the nearest one.
    /// </summary>
    public static DetailsPageView DetailsPage(string caseId, string reference, int version, ReferralDraft draft, string? page, int? risk,
        ReferringAgencies? agencies = null)
    {
        var risks = Math.Max(draft.RiskCount, 0);
        var isRisk = page == CaseDetailsCard.RisksPage && risks > 0;
        var sections = ReferralForm.SectionsFor(agencies);
        var section = isRisk ? ReferralForm.Find(ReferralForm.MultiAgencySection)!
            : sections.FirstOrDefault(s => s.Id == page) ?? sections[0];
        var n = isRisk ? Math.Clamp(risk ?? 1, 1, risks) : (int?)null;
        var lines = section.FieldsFor(risks).Where(f => f.RiskNumber == n)
            .Select(f => Line(f.Id, f.Label, ReferralReview.Describe(f, draft.Get(f.Id)), null)).ToList();
        var others = new List<DetailsPageLink>();
        foreach (var s in ReferralForm.Sections)
        {
            if (isRisk || s.Id != section.Id) others.Add(new DetailsPageLink(s.Title, s.Id));
            if (s.Id == ReferralForm.MultiAgencySection && !isRisk && risks > 0)
                others.Add(new DetailsPageLink(risks == 1 ? "The risk" : $"The {risks} risks", CaseDetailsCard.RisksPage, 1));
        }
        return new DetailsPageView(caseId, reference, version, isRisk ? $"Risk {n} of {risks}" : section.Title, lines, others)
        {
            Previous = isRisk && n > 1 ? new DetailsPageLink("Previous risk", CaseDetailsCard.RisksPage, n - 1) : null,
            Next = isRisk && n < risks ? new DetailsPageLink("Next risk", CaseDetailsCard.RisksPage, n + 1) : null,
        };
    }

    /// <summary>The details page shown, for the case log: a section id, or "risks 3". Ids only, nothing typed.</summary>
    public static string DetailsPageName(string? page, int? risk, ReferralDraft draft) =>
        page == CaseDetailsCard.RisksPage && draft.RiskCount > 0
            ? $"{CaseDetailsCard.RisksPage} {Math.Clamp(risk ?? 1, 1, draft.RiskCount)}"
            : (ReferralForm.Sections.FirstOrDefault(s => s.Id == page) ?? ReferralForm.Sections[0]).Id;

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
