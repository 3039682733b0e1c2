using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>A button to another page of the details: a form section, or one risk.</summary>
public sealed record DetailsPageLink(string Title, string Page, int? Risk = null);

/// <summary>
/// One page of a submitted referral: a section's answers, or one risk ("Risk 3 of 10" with Previous and Next),
/// and buttons to the other pages.
/// </summary>
public sealed record DetailsPageView(string CaseId, string Reference, int Version, string Title, IReadOnlyList<ReviewLineView> Lines, IReadOnlyList<DetailsPageLink> OtherPages)
{
    public DetailsPageLink? Previous { get; init; }
    public DetailsPageLink? Next { get; init; }
}

/// <summary>
/// The full referral, a page at a time, shown only to the person who asked (the invoke answer), never posted to a
/// channel. A page per section (and per risk) keeps every card within <see cref="CardSize"/> with the answers whole;
/// every page button goes through the same access check and view log as "Show details".
/// </summary>
public static class CaseDetailsCard
{
    /// <summary>The page id of the risk pages (the risk number travels as <see cref="ReferralVerbs.RiskKey"/>).</summary>
    public const string RisksPage = "risks";

    public const string ShortenedNote = "(shortened to fit in a Teams message)";

    // Whole answers fit at the longest the form accepts; only text that is mostly escaped characters needs cutting.
    private static readonly int[] Lengths = [int.MaxValue, 2000, 1000, 500, 250];

    public static AdaptiveCard Build(DetailsPageView page)
    {
        AdaptiveCard card = null!;
        foreach (var length in Lengths)
        {
            card = Draw(page, length);
            if (CardSize.Fits(card.ToJson())) break;
        }
        return card;
    }

    private static AdaptiveCard Draw(DetailsPageView page, int shortenAt)
    {
        var body = new List<ICardElement>
        {
            ReferralCardParts.Heading($"Referral {CardText.Plain(page.Reference, maxLength: 40)}"),
            new TextBlock { Text = $"Version {page.Version}. Shown to you alone; please do not copy these details into the channel.", IsSubtle = true, Spacing = Spacing.Small },
            new TextBlock { Text = page.Title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Separator = true },
        };
        body.AddRange(ReferralCardParts.Answers(page.Lines, line => line.IsFreeText && shortenAt < int.MaxValue
            ? ReferralCardParts.Shortened(line.Value, shortenAt, ShortenedNote)
            : CardText.Plain(line.Value, maxLength: Math.Max(line.Value.Length, 1), keepLineBreaks: true)));
        var pager = new[] { (page.Previous, "Previous risk"), (page.Next, "Next risk") }
            .Where(p => p.Item1 is not null).Select(p => PageButton(page, p.Item1! with { Title = p.Item2 })).ToList();
        if (pager.Count > 0) body.Add(new ActionSet { Actions = pager });
        if (page.OtherPages.Count > 0)
        {
            body.Add(new TextBlock { Text = "Other parts of this referral", Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            // Three to a row: Teams shows a few buttons side by side and hides the rest behind "...".
            body.AddRange(page.OtherPages.Chunk(3).Select(row => new ActionSet { Actions = [.. row.Select(l => PageButton(page, l))], Spacing = Spacing.Small }));
        }
        return new AdaptiveCard { Body = body };
    }

    private static ExecuteAction PageButton(DetailsPageView page, DetailsPageLink link)
    {
        var data = new JsonObject { [ReferralVerbs.CaseIdKey] = page.CaseId, [ReferralVerbs.StepKey] = link.Page };
        if (link.Risk is { } n) data[ReferralVerbs.RiskKey] = n;
        return ReferralCardParts.Button(link.Title, ReferralVerbs.ShowDetails, page.CaseId) with { Data = data };
    }
}
