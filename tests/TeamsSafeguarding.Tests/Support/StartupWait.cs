namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// How long the tests let what they start (Azurite, the Agents Playground, the bot host) take to start. Generous,
/// because on a busy two-core machine (a load average of 30) a Node CLI can take minutes; every wait ends as soon
/// as it succeeds, and a failure names what did not start and shows the last of what it printed.
/// </summary>
public static class StartupWait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public const int LinesShown = 40;

    /// <summary>The last <see cref="LinesShown"/> lines, for a failure message.</summary>
    public static string LastLines(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? "(nothing)" : string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - LinesShown)));
}
