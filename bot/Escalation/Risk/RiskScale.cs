namespace TeamsSafeguarding.Escalation.Risk;

/// <summary>The words of the NHS 5x5 matrix, so forms and cards can explain what 1-5 mean.</summary>
public static class RiskScale
{
    public static IReadOnlyList<string> LikelihoodWords { get; } = ["rare", "unlikely", "possible", "likely", "almost certain"];
    public static IReadOnlyList<string> ImpactWords { get; } = ["negligible", "minor", "moderate", "major", "catastrophic"];

    /// <summary>"1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain".</summary>
    public static string LikelihoodGuide { get; } = Guide(LikelihoodWords);
    public static string ImpactGuide { get; } = Guide(ImpactWords);

    private static string Guide(IReadOnlyList<string> words) =>
        string.Join(", ", words.Select((w, i) => $"{i + 1} {w}"));
}
