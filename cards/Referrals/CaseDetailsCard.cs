using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Cards.Referrals;

/// <summary>A part of the referral in the details' contents: its title and the pages it takes.</summary>
public sealed record DetailsContentsEntry(string Title, int FirstPage, int Pages);

/// <summary>One page of a submitted referral: part of a step's answers (long answers continue on the next page).</summary>
public sealed record DetailsPageView(string CaseId, string Reference, int Version, int Page, int PageCount, string Title, IReadOnlyList<ReviewLineView> Lines);

/// <summary>
/// The full referral, a page at a time, shown only to the person who asked (the invoke answer), never posted to a
/// channel. It opens on its contents (a row per step, each opening that step's first page); each page holds about a
/// phone screen of answers, whole (a long answer carries on over the next page), with Next page, Previous page and
/// Contents. Every page asked for goes through the same access check and read log.
/// </summary>
public static class CaseDetailsCard
{
    public const string NotForChannels = "Shown to you alone: please do not copy these details into a channel.";

    public static AdaptiveCard Contents(string caseId, string reference, int version, IReadOnlyList<DetailsContentsEntry> entries)
    {
        var body = new List<ICardElement>
        {
            ReferralCardParts.Heading($"Referral {CardText.Plain(reference, maxLength: 40)}"),
            new TextBlock { Text = $"Version {version}. {NotForChannels}", IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Small },
            new TextBlock { Text = "Contents", Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
        };
        foreach (var entry in entries)
            body.Add(ReferralCardParts.Row(entry.Title, PageAction(caseId, $"Read {entry.Title}", entry.FirstPage),
                entry.Pages == 1 ? $"Page {entry.FirstPage}" : $"Pages {entry.FirstPage} to {entry.FirstPage + entry.Pages - 1}"));
        return new AdaptiveCard { Body = body, Actions = [PageAction(caseId, "Read from the start", 1) with { Style = ActionStyle.Positive }] };
    }

    public static AdaptiveCard Build(DetailsPageView page)
    {
        var body = new List<ICardElement>
        {
            ReferralCardParts.Heading($"Referral {CardText.Plain(page.Reference, maxLength: 40)}"),
            new TextBlock { Text = $"Version {page.Version}. {NotForChannels}", IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Small },
            new TextBlock { Text = page.Title, Weight = TextWeight.Bolder, Size = TextSize.Medium, Separator = true, Spacing = Spacing.Medium },
            new TextBlock { Text = $"Page {page.Page} of {page.PageCount}", IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None },
        };
        body.AddRange(ReferralCardParts.Answers(page.Lines,
            line => CardText.Plain(line.Value, maxLength: Math.Max(line.Value.Length, 1), keepLineBreaks: true, links: line.IsFreeText)));
        var actions = new List<ICardAction>();
        if (page.Page < page.PageCount) actions.Add(PageAction(page.CaseId, "Next page", page.Page + 1) with { Style = ActionStyle.Positive });
        if (page.Page > 1) actions.Add(PageAction(page.CaseId, "Previous page", page.Page - 1));
        actions.Add(PageAction(page.CaseId, "Contents", null));
        return new AdaptiveCard { Body = body, Actions = actions };
    }

    private static ExecuteAction PageAction(string caseId, string title, int? page)
    {
        var data = new JsonObject { [ReferralVerbs.CaseIdKey] = caseId };
        if (page is { } n) data[ReferralVerbs.PageKey] = n;
        return ReferralCardParts.Button(title, ReferralVerbs.ShowDetails, caseId) with { Data = data };
    }
}
