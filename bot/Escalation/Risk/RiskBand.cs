namespace TeamsSafeguarding.Escalation.Risk;

/// <summary>A named range of scores, inclusive at both ends, e.g. "High" 8-12 shown red.</summary>
public sealed record RiskBand(string Word, int From, int To, RiskRag Rag)
{
    public bool Contains(int score) => score >= From && score <= To;

    public override string ToString() => Word;
}
