using TeamsSafeguarding.Escalation.Cases;

namespace TeamsSafeguarding.Escalation.Triage;

/// <summary>
/// Turns the triage card into an outcome: pass goes to the partners, fail goes back to the referrer naming the
/// unmet items (domain.md section 2). No overrides: a referral that fails a check cannot be sent on by the DBM.
/// </summary>
public static class TriageRules
{
    public const int MaxCheckNoteLength = 1000;
    public const int MaxReturnNoteLength = 2000;
    public const string ReturnNoteField = "returnNote";
    public const string DecisionField = "decision";

    public static string NoteField(TriageCheck check) => TriageChecklist.Describe(check).FieldId + "Note";

    public static TriageResult Decide(CaseStage current, TriageSubmission submission)
    {
        // A second click, or a card left open after someone else acted, must not triage twice.
        if (current != CaseStage.InTriage)
            return TriageResult.Invalid([new(FieldError.Form,
                $"This referral is no longer waiting for triage: it is \"{CaseStageWords.Display(current)}\".")]);

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(submission.TriagedBy))
            errors.Add(new(FieldError.Form, "We could not tell who is triaging. Please open the card again."));

        var answers = new Dictionary<TriageCheck, TriageAnswer>();
        foreach (var answer in submission.Answers)
        {
            var info = TriageChecklist.Describe(answer.Check);
            if (!answers.TryAdd(answer.Check, answer))
                errors.Add(new(info.FieldId, $"\"{info.Name}\" was answered twice. Please give one answer."));
            else if (answer.Note is { Length: > MaxCheckNoteLength })
                errors.Add(new(NoteField(answer.Check),
                    $"Please keep the note on \"{info.Name}\" to {MaxCheckNoteLength} characters."));
        }

        foreach (var info in TriageChecklist.All.Where(i => !answers.ContainsKey(i.Check)))
            errors.Add(new(info.FieldId, $"Please say whether \"{info.Name}\" is met."));

        var failed = TriageChecklist.All
            .Where(i => answers.TryGetValue(i.Check, out var a) && a.Result == TriageCheckResult.NotMet)
            .Select(i => i.Check)
            .ToList();

        var note = string.IsNullOrWhiteSpace(submission.ReturnNote) ? null : submission.ReturnNote.Trim();

        switch (submission.Decision)
        {
            case TriageDecision.ReturnToReferrer:
                if (note is null)
                    errors.Add(new(ReturnNoteField,
                        "Please write a note naming what was not evidenced, so the referrer knows what to add."));
                else if (note.Length > MaxReturnNoteLength)
                    errors.Add(new(ReturnNoteField, $"Please keep the note to {MaxReturnNoteLength} characters."));
                if (answers.Count == TriageChecklist.All.Count && failed.Count == 0)
                    errors.Add(new(DecisionField,
                        "All five checks are marked as met. Mark the checks that are not met, or send the referral to the statutory partners."));
                break;

            case TriageDecision.SendToPartners:
                foreach (var check in failed)
                {
                    var info = TriageChecklist.Describe(check);
                    errors.Add(new(info.FieldId,
                        $"\"{info.Name}\" is not ticked as met: send only when all five are, or return it to the referrer."));
                }
                break;

            default:
                errors.Add(new(DecisionField, "Please choose to return the referral or send it to the statutory partners."));
                break;
        }

        if (errors.Count > 0) return TriageResult.Invalid(errors);

        var ordered = TriageChecklist.All.Select(i => answers[i.Check]).ToList();
        return submission.Decision == TriageDecision.ReturnToReferrer
            ? TriageResult.Ok(new(TriageOutcomeKind.ReturnedToReferrer, current, CaseStage.Returned, failed, ordered,
                note, submission.TriagedBy, submission.At))
            : TriageResult.Ok(new(TriageOutcomeKind.SentToPartners, current, CaseStage.WithPartners, [], ordered,
                null, submission.TriagedBy, submission.At));
    }

    /// <summary>
    /// A coordinator sends the referral to the partners without triage. Whether the person is a coordinator is checked
    /// by the caller (roles live outside the rules); here: the board's process must allow it (never; only while the
    /// deputy board manager is recorded as absent, <paramref name="deputyAbsent"/>; or always), and the case must not yet
    /// be triaged.
    /// </summary>
    public static TriageResult ForwardUntriaged(CaseStage current, string coordinatorId, DateTimeOffset at,
        Process.UntriagedForwarding policy, bool deputyAbsent)
    {
        if (policy == Process.UntriagedForwarding.Never)
            return TriageResult.Invalid([new(FieldError.Form,
                "This board does not allow referrals to be sent to the statutory partners without triage.")]);
        if (policy == Process.UntriagedForwarding.WhenDeputyAbsent && !deputyAbsent)
            return TriageResult.Invalid([new(FieldError.Form,
                "A referral goes to the statutory partners without triage only while the deputy board manager is recorded as away. " +
                "Nobody has recorded that for today: the deputy board manager can (type \"away\"), or a coordinator can set a cover period.")]);
        if (current is not (CaseStage.Received or CaseStage.InTriage))
            return TriageResult.Invalid([new(FieldError.Form,
                $"Only a referral waiting for triage can be sent on untriaged; this one is \"{CaseStageWords.Display(current)}\".")]);
        if (string.IsNullOrWhiteSpace(coordinatorId))
            return TriageResult.Invalid([new(FieldError.Form, "We could not tell who is sending the referral on. Please open the card again.")]);

        return TriageResult.Ok(new(TriageOutcomeKind.ForwardedUntriaged, current, CaseStage.WithPartners, [], [],
            null, coordinatorId, at));
    }

    /// <summary>Whether a coordinator may send a referral on untriaged today: what the triage card offers.</summary>
    public static bool MayForwardUntriaged(Process.UntriagedForwarding policy, bool deputyAbsent) =>
        policy == Process.UntriagedForwarding.Always || (policy == Process.UntriagedForwarding.WhenDeputyAbsent && deputyAbsent);
}
