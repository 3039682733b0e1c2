namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>
/// One of the person's referrals: a draft, named by what they can recognise without personal details (when it was
/// started and the step it has reached), or a submitted case (reference and stage).
/// </summary>
public sealed record MyReferralItem(string CaseId, string? Reference, string StageWords, string LastChanged, bool IsDraft, bool CanResume)
{
    /// <summary>A draft's name, e.g. "Draft started 3 Mar 2026"; null for a submitted referral (its reference names it).</summary>
    public string? DraftName { get; init; }
    /// <summary>Where a draft (or a returned referral being amended) has got to, e.g. "Step 4 of 12: Mental capacity".</summary>
    public string? StepReached { get; init; }

    public string Name => Reference is { } reference ? CardText.Plain(reference, maxLength: 40) : DraftName ?? "Draft referral";
}

/// <summary>
/// The person's referrals and drafts, in the order given, at most <see cref="MaxShown"/> of them: enough for anyone's
/// current work. Each is a row that opens it (<see cref="Item"/>), where it can be resumed, amended or discarded.
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
            body.Add(ReferralCardParts.Row(item.Name, ReferralCardParts.Button($"Open {item.Name}", ReferralVerbs.Open, item.CaseId),
                string.Join(" \u00B7 ", new[] { item.IsDraft ? item.StepReached : item.StageWords, $"last changed {item.LastChanged}" }.OfType<string>())));
        return new AdaptiveCard { Body = body, Actions = [ReferralCardParts.Button("Start a referral", ReferralVerbs.Start, null, ActionStyle.Positive)] };
    }

    /// <summary>One referral or draft from the list: where it stands and what can be done with it.</summary>
    public static AdaptiveCard Item(MyReferralItem item)
    {
        var facts = new List<Fact> { new("Stage", item.StageWords) };
        if (item.StepReached is { } step && item.CanResume) facts.Add(new("Reached", step));
        facts.Add(new("Last changed", item.LastChanged));
        var actions = new List<ICardAction>();
        if (item.CanResume)
            actions.Add(ReferralCardParts.Button(item.IsDraft ? "Resume" : "Amend and resubmit", ReferralVerbs.Resume, item.CaseId, ActionStyle.Positive));
        else if (!item.IsDraft)
            actions.Add(ReferralCardParts.Button("Show details", ReferralVerbs.ShowDetails, item.CaseId, ActionStyle.Positive));
        if (item.IsDraft) actions.Add(ReferralCardParts.Button("Discard", ReferralVerbs.Discard, item.CaseId, ActionStyle.Destructive));
        actions.Add(ReferralCardParts.Button("My referrals", ReferralVerbs.List, null));
        return new AdaptiveCard
        {
            Body = [ReferralCardParts.Heading(item.Name), new FactSet { Facts = facts }],
            Actions = actions,
        };
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
            ReferralCardParts.Button("Keep it", ReferralVerbs.List, null, ActionStyle.Positive),
            ReferralCardParts.Button("Yes, discard it", ReferralVerbs.DiscardConfirm, caseId, ActionStyle.Destructive),
        ],
    };

    /// <summary>What the live form becomes after "Save and exit": a short note of where the draft is kept.</summary>
    public static AdaptiveCard Saved(MyReferralItem draft, int retentionDays) => new()
    {
        Body =
        [
            ReferralCardParts.Heading("Saved"),
            new TextBlock { Text = $"{draft.Name}{(draft.StepReached is { } step ? $", at {char.ToLowerInvariant(step[0])}{step[1..]}" : "")}. Resume it from my referrals." },
            new TextBlock
            {
                Text = $"Drafts not opened for {retentionDays} days are deleted; I'll warn you first.", IsSubtle = true, Size = TextSize.Small,
            },
        ],
        Actions = [ReferralCardParts.Button("My referrals", ReferralVerbs.List, null, ActionStyle.Positive)],
    };
}
