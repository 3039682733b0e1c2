namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>One of the person's referrals: a draft (Resume/Discard) or a submitted case (reference and stage).</summary>
public sealed record MyReferralItem(string CaseId, string? Reference, string StageWords, string LastChanged, bool IsDraft, bool CanResume);

/// <summary>
/// The person's referrals and drafts, in the order given, at most <see cref="MaxShown"/> of them: enough for anyone's
/// current work, and a card of that many stays well within <see cref="CardSize"/>.
/// </summary>
public static class MyReferralsCard
{
    public const int MaxShown = 15;

    public static AdaptiveCard Build(IReadOnlyList<MyReferralItem> items)
    {
        var body = new List<ICardElement> { ReferralCardParts.Heading("My referrals") };
        if (items.Count == 0) body.Add(new TextBlock { Text = "You have no referrals or drafts yet." });
        if (items.Count > MaxShown)
            body.Add(new TextBlock
            {
                Text = $"Showing {MaxShown} of your {items.Count}: drafts and referrals to amend first, then the most recently changed. " +
                       "Ask the board's business unit about older referrals.",
                IsSubtle = true, Size = TextSize.Small,
            });
        foreach (var item in items.Take(MaxShown))
        {
            var actions = new List<ICardAction>();
            if (item.CanResume) actions.Add(ReferralCardParts.Button(item.IsDraft ? "Resume" : "Amend and resubmit", ReferralVerbs.Resume, item.CaseId));
            if (item.IsDraft) actions.Add(ReferralCardParts.Button("Discard", ReferralVerbs.Discard, item.CaseId, ActionStyle.Destructive));
            var parts = new List<ICardElement>
            {
                new TextBlock { Text = item.Reference is null ? "Draft referral" : CardText.Plain(item.Reference, maxLength: 40), Weight = TextWeight.Bolder },
                new TextBlock { Text = $"{item.StageWords} · last changed {item.LastChanged}", IsSubtle = true, Spacing = Spacing.None },
            };
            if (actions.Count > 0) parts.Add(new ActionSet { Actions = actions });
            body.Add(new Container { Separator = true, Items = parts });
        }
        return new AdaptiveCard { Body = body, Actions = [ReferralCardParts.Button("Start a referral", ReferralVerbs.Start, null, ActionStyle.Positive)] };
    }

    /// <summary>"Are you sure?" before a draft is deleted.</summary>
    public static AdaptiveCard ConfirmDiscard(string caseId) => new()
    {
        Body =
        [
            ReferralCardParts.Heading("Discard this draft?"),
            new TextBlock { Text = "The draft and everything typed in it will be deleted. This cannot be undone." },
        ],
        Actions =
        [
            ReferralCardParts.Button("Yes, discard it", ReferralVerbs.DiscardConfirm, caseId, ActionStyle.Destructive),
            ReferralCardParts.Button("No, keep it", ReferralVerbs.List, null),
        ],
    };
}
