using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Routing;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// Someone types in their personal chat while a referral of theirs is open (a draft, or a referral returned to amend):
/// typing does not fill in the form, so the answer names that draft and offers "Resume" instead of "I didn't understand".
/// </summary>
public sealed class DraftHint(ReferralsFeature referrals, ILogger<DraftHint> log) : IChatHint
{
    public async Task<JsonObject?> CardForAsync(ChatMessage message, CancellationToken ct)
    {
        if (!message.IsPersonal) return null;
        var open = (await referrals.MyItemsAsync(message.Actor.UserKey, ct)).FirstOrDefault(i => i.CanResume);
        if (open is null) return null;
        log.LogInformation("Unrecognised chat message while a draft is open: resume hint");
        return DraftHintCard.Build(open).ToJson();
    }
}
