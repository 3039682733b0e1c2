namespace TeamsSafeguarding.Escalation.Referrals;

/// <summary>
/// The agencies a referral can come from, as the board lists them, plus "another agency". The referring agency is
/// shown on channel cards, so it is always one of these names or <see cref="OtherWords"/>: never what someone typed.
/// An agency that is not listed is named in its own field (<see cref="ReferralFields.ReferrerAgencyOther"/>), which
/// stays in the case file: the board's coordinators see it in the case details ("Show details", answered to whoever
/// clicked), no channel ever does.
/// </summary>
public sealed record ReferringAgencies(IReadOnlyList<FieldChoice> Listed)
{
    public const string OtherValue = "other";
    /// <summary>What a channel card says for an agency that is not listed.</summary>
    public const string OtherWords = "Other";
    public const string OtherTitle = "Another agency (not listed)";
    public const int MaxAgencies = 50;
    public const int MaxNameLength = 60;
    public const int MaxIdLength = 40;

    /// <summary>The agencies that refer to an English Safeguarding Adults Board; a board lists its own in configuration.</summary>
    public static ReferringAgencies Standard { get; } = new(
    [
        new("adult-social-care", "Adult Social Care"),
        new("police", "Police"),
        new("icb", "NHS integrated care board"),
        new("nhs-trust", "NHS hospital or community trust"),
        new("mental-health", "Mental health service"),
        new("gp", "GP practice"),
        new("ambulance", "Ambulance service"),
        new("fire", "Fire and rescue service"),
        new("housing", "Housing provider"),
        new("probation", "Probation service"),
        new("drug-alcohol", "Drug and alcohol service"),
        new("voluntary", "Voluntary or community organisation"),
    ]);

    /// <summary>The choices the referral form offers: the listed agencies, then "another agency".</summary>
    public IReadOnlyList<FieldChoice> Choices { get; } = [.. Listed, new(OtherValue, OtherTitle)];

    public bool IsOther(string? value) => string.Equals(value, OtherValue, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What may be shown for a chosen value: the listed agency's name, or <see cref="OtherWords"/> for another agency or
    /// anything not on the list (a value from a card the list has since changed under).
    /// </summary>
    public string Words(string value) =>
        Listed.FirstOrDefault(a => string.Equals(a.Value, value, StringComparison.OrdinalIgnoreCase))?.Title ?? OtherWords;

    /// <summary>What is wrong with a board's list, in words for the start-up failure; empty when it can be used.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<FieldChoice> listed)
    {
        var problems = new List<string>();
        if (listed.Count > MaxAgencies) problems.Add($"List at most {MaxAgencies} referring agencies; people pick one from a list.");
        foreach (var agency in listed)
        {
            if (string.IsNullOrEmpty(agency.Value) || agency.Value.Length > MaxIdLength
                || !agency.Value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                problems.Add($"Referring agency id '{agency.Value}' must be 1-{MaxIdLength} lower-case letters, digits or '-'.");
            if (string.IsNullOrWhiteSpace(agency.Title) || agency.Title.Length > MaxNameLength || agency.Title.Any(char.IsControl))
                problems.Add($"Referring agency '{agency.Value}' needs a name of at most {MaxNameLength} characters on one line.");
            if (string.Equals(agency.Value, OtherValue, StringComparison.OrdinalIgnoreCase)
                || string.Equals(agency.Title?.Trim(), OtherWords, StringComparison.OrdinalIgnoreCase))
                problems.Add($"'{OtherValue}' is kept for agencies that are not listed; give the agency its own id and name.");
        }
        foreach (var twice in listed.GroupBy(a => a.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"Referring agency id '{twice.Key}' is listed more than once.");
        foreach (var twice in listed.GroupBy(a => a.Title?.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"Referring agency name '{twice.Key}' is listed more than once.");
        return problems;
    }
}
