using System.Globalization;
using TeamsSafeguarding.Escalation.Partners;

namespace TeamsSafeguarding.Escalation.Measures;

/// <summary>One group of figures as the card and the spreadsheet show them: a heading and its (label, value) lines.</summary>
public sealed record FigureGroup(string Heading, IReadOnlyList<(string Label, string Value)> Figures);

/// <summary>The measures in words, one list for the card and the export alike, so they cannot disagree.</summary>
public static class MeasureFigures
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<FigureGroup> Of(QuarterlyMeasures m, bool quarterEnded)
    {
        var decided = m.DecisionsMade;
        return
        [
            new("Referrals", [("Referrals received", Count(m.Referrals)), .. m.ReferralsByAgency.Select(a => ($"From {a.Agency}", Count(a.Count))),
                ("Repeat referrals about the same person", Count(m.RepeatReferrals))]),
            new("Triage", [("Returned to the referrer at triage", Count(m.ReturnedAtTriage))]),
            new("Partners' decisions", [("Decisions made", Count(decided)),
                .. m.Decisions.Select(d => ($"{Short(d.Outcome)}, {DecisionMethodWords.Display(d.Method).ToLower(English)}", Count(d.Count))),
                ("Median working days from receipt to decision", m.MedianWorkingDaysToDecision is { } median ? median.ToString("0.#", English) : "No decisions"),
                ($"Decided within {m.DecisionClockWorkingDays} working days of receipt", Share(m.DecidedWithinClock, decided))]),
            new("Meetings and actions", [("Meetings held", Count(m.MeetingsHeld)), ("Actions completed on time", Share(m.ActionsCompletedOnTime, m.ActionsCompleted))]),
            new("Caseload", [(quarterEnded ? "Cases open at the quarter's end" : "Cases open now", Count(m.OpenAtQuarterEnd))]),
        ];
    }

    private static string Short(PartnerChoice outcome) => outcome == PartnerChoice.MeetingRequired ? "Meeting required" : "No meeting";

    private static string Count(int n) => n.ToString(English);

    /// <summary>"7 of 9 (78%)", or "None" when there is nothing to share.</summary>
    public static string Share(int part, int whole) => whole == 0 ? "None" : $"{part} of {whole} ({Math.Round(100.0 * part / whole):0}%)";
}
