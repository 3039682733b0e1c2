using TeamsSafeguarding.Escalation.Cases;
using System.Globalization;
using F = TeamsSafeguarding.Escalation.Referrals.ReferralFields;

namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// Server-side checks for each step of the referral form, worded for the person filling it in.
/// "Today" is a parameter (the referrer's local date), never read from a clock here.
/// </summary>
public static class ReferralValidation
{
    public const int AdultAge = 18;
    /// <summary>Older than this is almost certainly a mistyped year.</summary>
    public const int OldestPlausibleAge = 120;

    /// <summary>
    /// The errors for one step, in the order the fields appear. The review step checks everything,
    /// as <see cref="ValidateForSubmit"/> does. An unknown step id gives one error, not an exception.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(ReferralDraft draft, string? sectionId, DateOnly today, ReferringAgencies? agencies = null)
    {
        var section = ReferralForm.Find(sectionId, agencies);
        if (section is null) return [new FieldError(F.Route, "This part of the form was not recognised. Go back and try again.")];
        if (section.Id == ReferralForm.ReviewStep) return ValidateForSubmit(draft, today, agencies);

        var errors = new List<FieldError>();
        foreach (var field in section.FieldsFor(draft.RiskCount))
            if (CheckField(field, draft.Get(field.Id), today) is { } message)
                errors.Add(new FieldError(field.Id, message));
        errors.AddRange(SectionRules(draft, section.Id, agencies ?? ReferringAgencies.Standard));
        return Ordered(errors, section);
    }

    /// <summary>Everything needed before the referral can be submitted: the route check and all six sections.</summary>
    public static IReadOnlyList<FieldError> ValidateForSubmit(ReferralDraft draft, DateOnly today, ReferringAgencies? agencies = null)
    {
        var errors = new List<FieldError>();
        if (!RouteCheck.Evaluate(draft.Route).Proceed)
            errors.Add(new FieldError(F.Route, "The route check says this referral should go elsewhere. Follow the advice given instead."));
        foreach (var section in ReferralForm.Sections)
            errors.AddRange(Validate(draft, section.Id, today, agencies));
        return errors;
    }

    /// <summary>The checks every field gets from its definition: required, length, format, date rules, ranges, choices.</summary>
    public static string? CheckField(FormField field, string? raw, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return field.Required ? field.MissingMessage ?? $"Enter {field.NounOrLabel.ToLowerInvariant()}" : null;

        return field.Kind switch
        {
            FieldKind.Text or FieldKind.Multiline => CheckText(field, raw),
            FieldKind.Date => CheckDate(field, raw, today),
            FieldKind.Number => CheckNumber(field, raw),
            FieldKind.Choice => field.ChoiceTitle(raw) is null ? "Choose one of the options" : null,
            FieldKind.MultiChoice => CheckMulti(field, raw),
            FieldKind.Toggle => FieldValues.ParseToggle(raw) switch
            {
                null => "Tick or untick this box",
                false when field.Required => field.MissingMessage ?? "Tick this box to continue",
                _ => null,
            },
            _ => null,
        };
    }

    private static string? CheckText(FormField field, string raw)
    {
        if (field.MaxLength is { } max && raw.Length > max)
            return $"Keep this to {max.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} characters or fewer";
        return field.Format switch
        {
            TextFormat.Email when !FieldValues.IsValidEmail(raw) => "Enter an email address like name@example.org",
            TextFormat.Telephone when !FieldValues.IsValidTelephone(raw) => "Enter a telephone number using digits, for example 01632 960 001",
            TextFormat.Url when !FieldValues.IsValidLink(raw) => "Enter a full link starting with https://",
            TextFormat.NhsNumber when !FieldValues.IsValidNhsNumber(raw) => "Enter a valid 10-digit NHS number, or leave it blank",
            _ => null,
        };
    }

    private static string? CheckDate(FormField field, string raw, DateOnly today)
    {
        if (FieldValues.ParseDate(raw) is not { } date) return "Enter a real date";
        if (field.DateRule is DateRule.None) return null;
        if (date > today)
            return field.DateRule == DateRule.AdultDateOfBirth ? "The date of birth cannot be in the future" : "This date cannot be in the future";
        if (field.DateRule == DateRule.AdultDateOfBirth)
        {
            if (!IsAdult(date, today)) return "The date of birth must make the person 18 or over";
            if (date < today.AddYears(-OldestPlausibleAge)) return "Check the date of birth: the person would be over 120";
        }
        return null;
    }

    /// <summary>
    /// 18 or over on <paramref name="today"/>: the 18th birthday counts. Someone born on 29 February turns
    /// 18 on 1 March in a non-leap year.
    /// </summary>
    public static bool IsAdult(DateOnly dateOfBirth, DateOnly today) =>
        today.Year - dateOfBirth.Year > AdultAge ||
        (today.Year - dateOfBirth.Year == AdultAge && (today.Month, today.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) >= 0);

    private static string? CheckNumber(FormField field, string raw)
    {
        var value = FieldValues.ParseWholeNumber(raw);
        var min = field.Min ?? int.MinValue;
        var max = field.Max ?? int.MaxValue;
        if (value is { } v && v >= min && v <= max) return null;
        return field.Min is not null && field.Max is not null
            ? $"{field.NounOrLabel} must be a whole number from {min} to {max}"
            : $"{field.NounOrLabel} must be a whole number";
    }

    private static string? CheckMulti(FormField field, string raw)
    {
        var values = FieldValues.SplitMulti(raw);
        if (values.Any(v => field.ChoiceTitle(v) is null)) return "Choose from the options listed";
        if (values.Count < field.MinSelections) return field.MinSelectionsMessage ?? $"Choose at least {field.MinSelections}";
        if (values.Count == 0 && field.Required) return field.MissingMessage;
        return null;
    }

    /// <summary>Rules that depend on more than one answer.</summary>
    private static IEnumerable<FieldError> SectionRules(ReferralDraft draft, string sectionId, ReferringAgencies agencies)
    {
        bool Has(string id) => !string.IsNullOrWhiteSpace(draft.Get(id));
        FieldError? NeededIf(bool condition, string id, string message) => condition && !Has(id) ? new FieldError(id, message) : null;

        var rules = new List<FieldError?>();
        switch (sectionId)
        {
            case ReferralForm.PersonSection:
                rules.Add(NeededIf(agencies.IsOther(draft.Get(F.ReferrerAgency)), F.ReferrerAgencyOther, "Enter your agency's name, as it is not listed"));
                break;

            case ReferralForm.CapacitySection:
                var assessed = FieldValues.ParseYesNo(draft.Get(F.CapacityAssessed)) == true;
                rules.Add(NeededIf(assessed, F.CapacityAssessedOn, "Enter when capacity was assessed"));
                rules.Add(NeededIf(assessed, F.CapacityAssessedBy, "Enter who assessed capacity"));
                rules.Add(NeededIf(assessed, F.CapacityConclusion, "Choose the conclusion of the assessment"));
                if (FieldValues.ParseEnum<CapacityConclusion>(draft.Get(F.CapacityConclusion)) == CapacityConclusion.LacksCapacity)
                    rules.Add(new FieldError(F.CapacityConclusion,
                        "This route is for people who have capacity for the decision. Where they lack it, use best-interests decision making instead."));
                var refuses = FieldValues.ParseYesNo(draft.Get(F.RefusesEssentialServices));
                if (refuses == false)
                    rules.Add(new FieldError(F.RefusesEssentialServices,
                        "This route is for people who consistently refuse essential services. Talk to your safeguarding lead about other routes."));
                rules.Add(NeededIf(refuses == true, F.RefusedServices, "Describe which services are refused, and how"));
                break;

            case ReferralForm.MultiAgencySection:
                if (draft.RiskCount < 1) rules.Add(new FieldError(F.Risks, "Add at least one risk"));
                // Either a tool and a link to the latest assessment, or a reason there is none.
                var noReason = !Has(F.NoRiskAssessmentReason);
                rules.Add(NeededIf(noReason, F.RiskAssessmentTool, "Name the risk assessment tool used, or say why there is no risk assessment"));
                rules.Add(NeededIf(noReason, F.RiskAssessmentLink, "Add a link to the latest risk assessment, or say why there is not one"));
                break;

            case ReferralForm.SharingSection:
                var consent = FieldValues.ParseEnum<ConsentToShare>(draft.Get(F.Consent));
                var withoutConsent = consent is ConsentToShare.No or ConsentToShare.NotSought;
                rules.Add(NeededIf(withoutConsent, F.SharingGround, "Choose the ground for sharing without consent"));
                rules.Add(NeededIf(withoutConsent, F.SharingRationale, "Explain why sharing without consent is justified"));
                break;
        }
        return rules.OfType<FieldError>();
    }

    /// <summary>Field order, so errors read top to bottom like the card; at most one error per field (the first found).</summary>
    private static IReadOnlyList<FieldError> Ordered(List<FieldError> errors, FormSection section)
    {
        var position = section.Fields.Select((f, i) => (f.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return errors
            .Select((e, i) => (e, i))
            .GroupBy(x => x.e.Field)
            .Select(g => g.First())
            .OrderBy(x => position.GetValueOrDefault(x.e.Field, int.MaxValue))
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToArray();
    }
}
