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
        string Ways(PartnerChoice outcome) => m.Decisions.Where(d => d.Outcome == outcome) is var ways && ways.Any()
            ? string.Join(", ", ways.Select(d => $"{d.Count} {DecisionMethodWords.Display(d.Method).ToLower(English)}"))
            : "0";
        return
        [
            new("Referrals", [("Referrals received", Count(m.Referrals)),
                ("By referring agency", m.ReferralsByAgency.Count == 0 ? "None" : string.Join("; ", m.ReferralsByAgency.Select(a => $"{a.Agency} {a.Count}"))),
                ("Repeat referrals about the same person", Count(m.RepeatReferrals)),
                ("Returned to the referrer at triage", Count(m.ReturnedAtTriage))]),
            new("Partners' decisions", [("Decisions made", Count(decided)),
                (Short(PartnerChoice.MeetingRequired), Ways(PartnerChoice.MeetingRequired)),
                (Short(PartnerChoice.NoMeeting), Ways(PartnerChoice.NoMeeting)),
                ("Median working days from receipt to decision", m.MedianWorkingDaysToDecision is { } median ? median.ToString("0.#", English) : "No decisions"),
                ($"Decided within {m.DecisionClockWorkingDays} working days of receipt", Share(m.DecidedWithinClock, decided))]),
            new("Meetings, actions and caseload", [("Meetings held", Count(m.MeetingsHeld)),
                ("Actions completed on time", Share(m.ActionsCompletedOnTime, m.ActionsCompleted)),
                (quarterEnded ? "Cases open at the quarter's end" : "Cases open now", Count(m.OpenAtQuarterEnd))]),
        ];
    }

    private static string Short(PartnerChoice outcome) => outcome == PartnerChoice.MeetingRequired ? "Meeting required" : "No meeting";

    private static string Count(int n) => n.ToString(English);

    /// <summary>"7 of 9 (78%)", or "None" when there is nothing to share.</summary>
    public static string Share(int part, int whole) => whole == 0 ? "None" : $"{part} of {whole} ({Math.Round(100.0 * part / whole):0}%)";
}
