using TeamsSafeguarding.Cards.Onboarding;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Partners;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Retention;

/// <summary>
/// "hold SAB-2026-0001" and "release SAB-2026-0001": a board admin keeps a case beyond its retention period (an inquiry,
/// proceedings) and later lets it go. Each is a case command: the hold row with its history and a case-log line; a
/// release of a closed case schedules its deletion again (at once if its period is already over). Refused (and the
/// refusal logged on the case) for anyone but a board admin.
/// </summary>
public sealed class LegalHoldCommand(CaseCommands commands, CaseStore cases, BoardReaders readers, ProcessProfile profile, Replies replies,
    ILogger<LegalHoldCommand> log) : IBotFeature
{
    public const string HoldPhrase = Commands.Hold;
    public const string ReleasePhrase = Commands.Release;
    public const string Refused = "Sorry, only a board admin can set or release a legal hold.";
    public const string NotFound = "We could not find that case. Please check the reference (it looks like SAB-2026-0001).";
    public const string Going = "This case is being deleted under the board's retention period, so a hold can no longer be set.";

    public void Map(BotRoutes routes)
    {
        routes.Command(HoldPhrase, (m, ct) => ChangeAsync(m, HoldChange.Set, ct));
        routes.Command(ReleasePhrase, (m, ct) => ChangeAsync(m, HoldChange.Released, ct));
    }

    private async Task ChangeAsync(ChatMessage message, HoldChange change, CancellationToken ct)
    {
        var phrase = change == HoldChange.Set ? HoldPhrase : ReleasePhrase;
        if (readers.Refusal(message.Activity, message.Actor, BoardReaders.HoldSetters, Refused) is { } refusal && refusal != Refused)
        {
            await replies.SendAsync(message.ConversationId, Replies.Text(refusal), ct);
            return;
        }
        if (!CaseReference.TryParse(message.Text[phrase.Length..].Trim(), out var reference))
        {
            await replies.SendAsync(message.ConversationId, Replies.Text($"Please add the case reference, for example: {phrase} SAB-2026-0001."), ct);
            return;
        }
        var caseId = await cases.FindCaseIdAsync(reference.ToString(), ct);
        var who = readers.Directory.ActorFor(message.Actor.UserKey);
        var answer = await commands.RunAsync(caseId, who, [LegalHoldRow.Row], (file, writes) =>
        {
            if (!readers.Holds(message.Actor.UserKey, BoardReaders.HoldSetters)) return writes.Refuse($"Legal hold: not a board admin", Refused);
            var record = file.Case;
            if (record.Reference is null) return NotFound;
            var hold = LegalHoldRow.FromEntity(file.Row(LegalHoldRow.Row)) ?? LegalHoldRow.None(record.CaseId);
            if (hold.Deleting) return Going;
            if (change == HoldChange.Set && hold.IsHeld) return $"Case {record.Reference} is already on legal hold.";
            if (change == HoldChange.Released && !hold.IsHeld) return $"Case {record.Reference} has no legal hold to release.";

            writes.Put(hold.With(change, who.Key, who.Role, writes.Now).ToEntity())
                .Log(change == HoldChange.Set ? CaseActions.LegalHoldSet : CaseActions.LegalHoldReleased);
            if (change == HoldChange.Set)
                return $"Case {record.Reference} is on legal hold: it will be kept beyond the retention period until a board admin releases it.";
            if (record is not { Stage: CaseStage.Closed, ClosedAt: { } closedAt })
                return $"The legal hold on case {record.Reference} is released. It is still open; its retention period starts when it closes.";
            var deleteFrom = profile.RetainUntil(closedAt);
            writes.Schedule(RetentionClock.Kind, deleteFrom > writes.Now ? deleteFrom : writes.Now);
            return deleteFrom > writes.Now
                ? $"The legal hold on case {record.Reference} is released. It will be deleted on {DisplayDate.Of(deleteFrom)}, {profile.ClosedCaseRetentionYears} years after it closed."
                : $"The legal hold on case {record.Reference} is released. Its retention period is over, so it will now be deleted, leaving a tombstone in the board's log.";
        }, () => NotFound, ct);
        log.LogInformation("Legal hold command ({Change}) answered", change);
        await replies.SendAsync(message.ConversationId, Replies.Text(answer), ct);
    }
}
