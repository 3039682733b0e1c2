namespace TeamsSafeguarding.Partners;

/// <summary>Case-log actions of the partners' stage not already in CaseActions (board's words; details carry no typed text).</summary>
public static class PartnerCaseActions
{
    public const string AwaitingCasting = "Awaiting casting decision";
    public const string CaseClosed = "Case closed";
}
