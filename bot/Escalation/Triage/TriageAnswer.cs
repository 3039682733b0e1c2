namespace TeamsSafeguarding.Escalation.Triage;

public enum TriageCheckResult
{
    Met,
    NotMet,
}

/// <summary>The DBM's answer to one check, with an optional note (e.g. what is missing).</summary>
public sealed record TriageAnswer(TriageCheck Check, TriageCheckResult Result, string? Note = null);

/// <summary>The two decisions on the triage card.</summary>
public enum TriageDecision
{
    ReturnToReferrer,
    SendToPartners,
}

/// <summary>What the DBM submitted on the triage card. <paramref name="At"/> is when it was submitted (the date triaged).</summary>
public sealed record TriageSubmission(
    IReadOnlyList<TriageAnswer> Answers,
    TriageDecision Decision,
    string? ReturnNote,
    string TriagedBy,
    DateTimeOffset At);
