using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Referrals;

/// <summary>A case the acting person owns, with its working copy; or the polite answer to give instead.</summary>
public sealed record OwnedCase(CaseRecord Record, DraftRow? Draft);

/// <summary>
/// Finds the case a card button names and checks the person clicking referred it. Bad or unknown ids get a
/// friendly answer, never an exception; someone else's case gets a refusal and an "Access refused" log line.
/// </summary>
public sealed class CaseAccess(CaseStore cases, TimeProvider clock, ILogger<CaseAccess> log)
{
    public const string NotFound = "I can't find that referral. It may have been discarded or deleted after a long time unused. Type \"my referrals\" to see yours.";
    public const string Refused = "Sorry, only the person who made this referral can open it.";

    public async Task<(OwnedCase? Case, InvokeResponse? Refusal)> OwnAsync(CardAction action, CancellationToken ct)
    {
        var caseId = action.GetString(ReferralVerbs.CaseIdKey);
        if (!CaseStore.IsCaseId(caseId)) return (null, InvokeResponse.Message(NotFound));
        var record = await cases.GetAsync(caseId!, ct);
        if (record is null) return (null, InvokeResponse.Message(NotFound));
        if (!string.Equals(record.ReferrerKey, action.Actor.UserKey, StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(record.CaseId, action.Actor, "Referrer", action.Verb, ct);
            return (null, InvokeResponse.Message(Refused));
        }
        var draft = DraftRow.FromEntity(record.CaseId, await cases.GetRowAsync(record.CaseId, DraftRow.Row, ct));
        return (new OwnedCase(record, draft), null);
    }

    /// <summary>Logs a refusal on the case (who and which action; nothing typed).</summary>
    public async Task RefuseAsync(string caseId, Actor actor, string role, string verb, CancellationToken ct)
    {
        var tx = cases.Begin(caseId);
        tx.Add(new CaseLogEntry(clock.GetUtcNow(), actor.UserKey, role, null, CaseActions.AccessRefused, verb).ToEntity(caseId));
        await tx.CommitAsync(ct);
        log.LogWarning("Refused {Verb} on a case to a person without access", verb);
    }
}
