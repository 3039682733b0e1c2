namespace TeamsSafeguarding.Escalation.Risk;

/// <summary>
/// The risk RAG colour (red high, amber medium, green low). Kept apart from the deadline RAG on purpose:
/// the two mean different things. Cards always show the band's word alongside the colour.
/// </summary>
public enum RiskRag
{
    Green,
    Amber,
    Red,
}
