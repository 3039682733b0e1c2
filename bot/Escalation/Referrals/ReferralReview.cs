using TeamsSafeguarding.Escalation.Cases;
namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>One answer on the review page, as it should read ("Managing toilet needs", not "ToiletNeeds").</summary>
public sealed record ReviewLine(string FieldId, string Label, string Value, string? Error);

public sealed record ReviewSection(string SectionId, string Title, IReadOnlyList<ReviewLine> Lines);

/// <summary>The review page: sections of answers, plus errors that belong to no single field (route check, "add at least one risk").</summary>
public sealed record ReviewPage(IReadOnlyList<ReviewSection> Sections, IReadOnlyList<FieldError> GeneralErrors)
{
    public bool ReadyToSubmit => GeneralErrors.Count == 0 && Sections.All(s => s.Lines.All(l => l.Error is null));
}

/// <summary>The review page before submit: every visible field, its answer in words, and its error if any.</summary>
public static class ReferralReview
{
    public const string NotAnswered = "Not answered";

    public static ReviewPage For(ReferralDraft draft, DateOnly today, ReferringAgencies? agencies = null)
    {
        var all = ReferralValidation.ValidateForSubmit(draft, today, agencies);
        var errors = all.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
        var sections = ReferralForm.SectionsFor(agencies).Select(section => new ReviewSection(section.Id, section.Title,
            section.FieldsFor(draft.RiskCount)
                .Select(f => new ReviewLine(f.Id, f.Label, Describe(f, draft.Get(f.Id)), errors.GetValueOrDefault(f.Id)))
                .ToArray())).ToArray();
        return new ReviewPage(sections, all.Where(e => ReferralForm.FindField(e.Field) is null).ToArray());
    }

    /// <summary>An answer in words: choice titles instead of values, "Yes"/"No" for toggles.</summary>
    public static string Describe(FormField field, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return NotAnswered;
        return field.Kind switch
        {
            FieldKind.Choice => field.ChoiceTitle(raw) ?? raw,
            FieldKind.MultiChoice => string.Join("; ", FieldValues.SplitMulti(raw).Select(v => field.ChoiceTitle(v) ?? v)),
            FieldKind.Toggle => FieldValues.ParseToggle(raw) switch { true => "Yes", false => "No", null => raw },
            FieldKind.Date => FieldValues.ParseDate(raw)?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? raw,
            _ => raw,
        };
    }
}
