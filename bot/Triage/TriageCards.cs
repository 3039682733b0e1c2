using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Triage;

namespace TeamsSafeguarding.Triage;

/// <summary>
/// The triage card's input from a case head and the deputy board manager's recorded absence: channel-safe facts only,
/// the five checks, and whether sending it on untriaged is open today.
/// </summary>
public static class TriageCards
{
    public static IReadOnlyList<TriageCheckLine> Checks { get; } =
        TriageChecklist.All.Select(c => new TriageCheckLine(c.FieldId, c.Name, c.Explanation)).ToList();

    public static TriageCardInput InputFor(Case record, DeputyAbsence? absence, UntriagedForwarding policy, DateTimeOffset now,
        IReadOnlyDictionary<string, string>? errors = null, IReadOnlyDictionary<string, string?>? values = null)
    {
        var away = absence?.Covers(LondonTime.DayOf(now)) == true;
        return new(record.CaseId, record.ReferenceOrId, CaseStageWords.Display(record.Stage),
            record.ReferringAgency ?? "Not given", record.RiskBand ?? "Not scored", record.Version, Checks, errors, values)
        {
            ReceivedOn = record.ReceivedAt is { } received ? DisplayDate.Of(received) : null,
            DeputyStatus = away ? char.ToUpperInvariant(absence!.Words[0]) + absence.Words[1..] : "Not recorded as away today",
            ForwardUntriaged = TriageRules.MayForwardUntriaged(policy, away),
        };
    }
}
