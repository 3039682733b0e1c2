namespace TeamsSafeguarding.Escalation.Risk;

/// <summary>
/// One point on the NHS 5x5 matrix: likelihood and impact, each 1-5. The score is their product,
/// so only 1-6, 8, 9, 10, 12, 15, 16, 20 and 25 can occur.
/// </summary>
public readonly record struct RiskScore
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public RiskScore(int likelihood, int impact)
    {
        // Callers validate people's input first (see ReferralValidation); reaching here with a bad value is a bug.
        if (!IsOnScale(likelihood)) throw new ArgumentOutOfRangeException(nameof(likelihood), likelihood, "Likelihood must be 1-5.");
        if (!IsOnScale(impact)) throw new ArgumentOutOfRangeException(nameof(impact), impact, "Impact must be 1-5.");
        Likelihood = likelihood;
        Impact = impact;
    }

    public int Likelihood { get; }
    public int Impact { get; }
    public int Value => Likelihood * Impact;

    public static bool IsOnScale(int value) => value is >= Lowest and <= Highest;

    /// <summary>Every score the matrix can produce, ascending.</summary>
    public static IReadOnlyList<int> PossibleValues { get; } =
        Enumerable.Range(Lowest, Highest).SelectMany(l => Enumerable.Range(Lowest, Highest).Select(i => l * i))
            .Distinct().Order().ToArray();

    public override string ToString() => $"{Likelihood}x{Impact}={Value}";
}
