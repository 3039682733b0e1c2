namespace TeamsSafeguarding.Teams.Auth;

/// <summary>Check 1: the Authorization header must be exactly "Bearer &lt;token&gt;" (two parts, as the Bot Framework SDK splits it).</summary>
public static class BearerToken
{
    /// <returns>The token, or null when the header is absent or not of that shape.</returns>
    public static string? FromHeader(string? authorizationHeader)
    {
        if (string.IsNullOrEmpty(authorizationHeader)) return null;
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0) return null;
        return parts[1];
    }
}
