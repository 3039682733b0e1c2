using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Meetings;

/// <summary>
/// Configuration section "Meetings": which other agencies may lead a review meeting, and where invitation files are served
/// from. (Each statutory partner's representative is Board:Partners:n:MeetingRepresentative.) Checked at start-up
/// (<see cref="Problems"/>), each problem naming its key.
/// </summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>
    /// Agencies other than the statutory partners that may lead a review (housing, a mental health trust, …). Empty here:
    /// binding appends to a list, so <see cref="DefaultOtherLeadAgencies"/> is filled in only when nothing is configured.
    /// </summary>
    public List<string> OtherLeadAgencies { get; set; } = [];

    /// <summary>
    /// The bot's public address for invitation (.ics) links, e.g. https://sab-bot.azurewebsites.net. When empty, App
    /// Service's own host name (WEBSITE_HOSTNAME) is used; without either, the meeting card says how to add the time by hand.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public static List<string> DefaultOtherLeadAgencies() =>
        ["Housing provider", "NHS mental health trust", "NHS community or acute trust", "GP practice", "Fire and rescue service",
         "Probation service", "Voluntary sector organisation"];

    /// <param name="representatives">Each statutory partner's configured representative (Board:Partners:n:MeetingRepresentative), by position.</param>
    public IReadOnlyList<string> Problems(IReadOnlyList<string?> representatives)
    {
        var problems = new List<string>();
        foreach (var (email, i) in representatives.Select((e, i) => (e, i)))
            if (!string.IsNullOrWhiteSpace(email) && !FieldValues.IsValidEmail(email))
                problems.Add($"Board:Partners:{i}:MeetingRepresentative must be an email address.");
        foreach (var (name, i) in OtherLeadAgencies.Select((n, i) => (n, i)))
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
                problems.Add($"{Section}:OtherLeadAgencies:{i} must be a name of 1 to 100 characters.");
        if (OtherLeadAgencies.GroupBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            problems.Add($"{Section}:OtherLeadAgencies lists \"{twice.Key}\" twice.");
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            problems.Add($"{Section}:PublicBaseUrl must be an absolute http(s) address.");
        return problems;
    }
}
