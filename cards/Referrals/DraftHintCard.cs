namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>
/// The answer to a message typed in the personal chat while a referral is being written: typing does not fill in the
/// form, so it says where the draft is and offers to carry on. Never repeats what was typed.
/// </summary>
public static class DraftHintCard
{
    public static AdaptiveCard Build(MyReferralItem draft) => new()
    {
        Body =
        [
            new TextBlock
            {
                Text = $"Typing here does not fill in your referral. You have {(draft.IsDraft ? "a draft" : "a referral to amend")}: " +
                       $"{draft.Name}{(draft.StepReached is { } step ? $", at {char.ToLowerInvariant(step[0])}{step[1..]}" : "")}.",
            },
            new TextBlock { Text = $"Press Resume to carry on, or type **{Onboarding.Commands.Help}** to see what else I can do.", IsSubtle = true, Size = TextSize.Small },
        ],
        Actions =
        [
            ReferralCardParts.Button("Resume", ReferralVerbs.Resume, draft.CaseId, ActionStyle.Positive),
            ReferralCardParts.Button("My referrals", ReferralVerbs.List, null),
        ],
    };
}
