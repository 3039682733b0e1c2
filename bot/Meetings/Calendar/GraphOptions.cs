namespace TeamsSafeguarding.Meetings.Calendar;

/// <summary>
/// Configuration section "Graph": booking review meetings in the organiser's Outlook calendar through Microsoft Graph.
/// Off by default: without it the bot records the agreed time and offers an invitation file instead, and says so.
/// In Azure the bot's managed identity calls Graph (application permissions, see README); for a local run against a real
/// tenant, an app registration's client secret may be given instead (TenantId, ClientId, ClientSecret, e.g. as user secrets).
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public bool Enabled { get; set; }
    /// <summary>Graph's address with its version (a fake Graph's in tests).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>How often a calendar request is tried (each try already retried by the SDK on 429/503/504) before the coordinators are told.</summary>
    public int MaxAttempts { get; set; } = 8;

    public bool HasClientSecret => !string.IsNullOrWhiteSpace(ClientSecret);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enabled) return problems;
        if (!(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            problems.Add($"{Section}:BaseUrl must be an absolute http(s) address such as https://graph.microsoft.com/v1.0.");
        if (HasClientSecret && (string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId)))
            problems.Add($"{Section}:TenantId and {Section}:ClientId are needed with {Section}:ClientSecret.");
        if (MaxAttempts is < 1 or > 50) problems.Add($"{Section}:MaxAttempts must be between 1 and 50.");
        return problems;
    }
}
