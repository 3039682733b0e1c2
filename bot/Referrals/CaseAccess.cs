using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Referrals;

/// <summary>A case the acting person referred, with its working copy (null once there is none).</summary>
public sealed record OwnedCase(Case Case, DraftRow? Draft);

/// <summary>
/// Runs a referrer's command on the case a card button names: bad or unknown ids get a friendly answer, never an
/// exception; someone else's case gets a refusal, logged on it. The referrer is logged as "Referrer".
/// </summary>
public sealed class CaseAccess(CaseCommands commands, BoardDirectory directory)
{
    public const string NotFound = "I can't find that referral. It may have been discarded or deleted after a long time unused. Type \"my referrals\" to see yours.";
    public const string Refused = "Sorry, only the person who made this referral can open it.";

    public static CaseActor Referrer(Actor actor) => new(actor.UserKey, nameof(BoardRole.Referrer));

    public Task<InvokeResponse> AsReferrerAsync(CardAction action, Func<OwnedCase, CaseWrites, InvokeResponse> decide, CancellationToken ct,
        params string[] moreReads) =>
        commands.RunAsync(action.GetString(ReferralVerbs.CaseIdKey), Referrer(action.Actor), [DraftRow.Row, .. moreReads], (file, writes) =>
        {
            if (!IsReferrer(file.Case, action.Actor))
                return writes.Refuse(action.Verb, InvokeResponse.Message(Refused), directory.ActorFor(action.Actor.UserKey));
            return decide(new OwnedCase(file.Case, DraftRow.FromEntity(file.CaseId, file.Row(DraftRow.Row))), writes);
        }, () => InvokeResponse.Message(NotFound), ct);

    public static bool IsReferrer(Case record, Actor actor) =>
        string.Equals(record.ReferrerKey, actor.UserKey, StringComparison.OrdinalIgnoreCase);
}
