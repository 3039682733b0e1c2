using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TeamsSafeguarding.Cards.Partners;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cards.Triage;
using TeamsSafeguarding.Benchmarks.Inbound;
using TeamsSafeguarding.Escalation.Referrals;

namespace TeamsSafeguarding.Benchmarks.OverHttp;

/// <summary>One click to send: the activity, the case it is about, and (for a view) the token its rationale carries.</summary>
public sealed record Click(string Activity, string CaseId, string? Token = null, string? Giver = null, string? Shown = null);

/// <summary>What the bot must have delivered at the connector once the clicks are answered, and when it arrived.</summary>
/// <param name="Expected">Cases whose card must arrive (or be brought up to date).</param>
/// <param name="Arrived">Of those, how many did.</param>
/// <param name="LastAt">Stopwatch ticks of the last expected card's arrival (0 if none).</param>
/// <param name="Sent">Cards of this kind the connector received in the window, and how many of them before the last answer.</param>
public sealed record Delivery(int Expected, int Arrived, long LastAt, int Sent, int SentDuringLoad)
{
    public bool Complete => Arrived == Expected;
}

/// <summary>
/// The clicks of one measurement: each virtual user's clicks go one after another, all users at once (so the number of
/// users is the concurrency), and what must then reach the connector.
/// </summary>
public sealed record Workload(string Scenario, string Unit, IReadOnlyList<IReadOnlyList<Click>> Users,
    Func<IReadOnlyList<SeenCall>, IReadOnlyList<(Click Click, Timed Result)>, long, Delivery> Expect)
{
    public int Concurrency => Users.Count;
    public int Operations => Users.Sum(u => u.Count);
}

/// <summary>
/// Builds the workloads, each from what the previous one left, all through the bot's own HTTP API (so nothing here
/// depends on how the bot stores things): drafts filled in section by section (seeding, not measured), then submitted
/// (measured), then sent to the partners by the deputy board manager (measured), then the partners' views (measured).
/// </summary>
public static class Workloads
{
    /// <summary>Partner members giving views on one case at once, one per agency, so each agency's last view is known.</summary>
    public const int GiversPerCase = 3;

    /// <summary>Numbers every view of the run, so each reason, and so each state of a shared card, is unique.</summary>
    private static int viewSequence;

    /// <summary>Complete drafts, ready to submit: the route check then "Next" on every section (7 clicks each).</summary>
    public static async Task<IReadOnlyList<(string CaseId, string Referrer)>> SeedDraftsAsync(BotUnderBench bot, int count, int referrers,
        int concurrency = 6)
    {
        var drafts = new ConcurrentBag<(int, string, string)>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var referrer = BenchBoard.Referrer(i % referrers);
                var card = await CardAsync(bot, bot.Board.PersonalClick(referrer, ReferralVerbs.Route, BenchBoard.RouteAnswers()));
                var caseId = CaseIdOn(card) ?? throw new InvalidOperationException("The first section of the form carries no case id.");
                // Each build's own form: its sections and fields come from its cards, not from this checkout's form.
                for (var step = 0; !HasAction(card, ReferralVerbs.Submit); step++)
                {
                    if (step == MaxSections || ActionData(card, ReferralVerbs.Next) is not { } data)
                        throw new InvalidOperationException("The filled-in draft's review card has no Submit button: the benchmark's answers no longer pass the form. The last card: " + card.ToJsonString());
                    card = await CardAsync(bot, bot.Board.PersonalClick(referrer, ReferralVerbs.Next, BenchBoard.Answer(data, InputIds(card))));
                }
                drafts.Add((i, caseId, referrer));
            }
        }));
        return drafts.OrderBy(d => d.Item1).Select(d => (d.Item2, d.Item3)).ToList();
    }

    /// <summary>Each referrer submits their drafts; users = distinct referrers.</summary>
    public static Workload Submit(BotUnderBench bot, IReadOnlyList<(string CaseId, string Referrer)> drafts) =>
        new("submit", "submits", drafts.GroupBy(d => d.Referrer)
                .Select(g => (IReadOnlyList<Click>)g.Select(d => new Click(
                    bot.Board.PersonalClick(d.Referrer, ReferralVerbs.Submit, new JsonObject { [ReferralVerbs.CaseIdKey] = d.CaseId }), d.CaseId)).ToList())
                .ToList(),
            (calls, results, loadEnd) => ChannelPosts(BenchBoard.CoordinatorsChannel, calls, results, loadEnd));

    /// <summary>The deputy board manager sends received referrals to the partners, <paramref name="concurrency"/> at a time.</summary>
    public static Workload Triage(BotUnderBench bot, IReadOnlyList<string> caseIds, int concurrency) =>
        new("triage send", "sends", Enumerable.Range(0, concurrency)
                .Select(u => (IReadOnlyList<Click>)caseIds.Where((_, i) => i % concurrency == u)
                    .Select(id => new Click(bot.Board.ChannelClick(BenchBoard.Dbm, BenchBoard.CoordinatorsChannel, TriageVerbs.Send,
                        BenchBoard.TriageAllMet(id)), id)).ToList())
                .Where(u => u.Count > 0).ToList(),
            (calls, results, loadEnd) => ChannelPosts(BenchBoard.PartnersChannel, calls, results, loadEnd));

    /// <summary>
    /// <paramref name="concurrency"/> partner members give <paramref name="viewsEach"/> views each, one after another,
    /// <see cref="GiversPerCase"/> members (one per agency) on each case at once; every view after a member's first is
    /// a change of mind (the choice alternates, the reason is new).
    /// </summary>
    public static Workload Views(BotUnderBench bot, IReadOnlyList<string> caseIds, int concurrency, int viewsEach)
    {
        var cases = (concurrency + GiversPerCase - 1) / GiversPerCase;
        if (caseIds.Count < cases) throw new InvalidOperationException($"{cases} cases with the partners are needed, {caseIds.Count} were sent.");
        var users = new List<IReadOnlyList<Click>>();
        for (var v = 0; v < concurrency; v++)
        {
            var c = v / GiversPerCase;
            var member = BenchBoard.Member(BenchBoard.Agencies[v % GiversPerCase], c % BenchBoard.MembersPerAgency);
            var clicks = new List<Click>();
            for (var n = 0; n < viewsEach; n++)
            {
                var sequence = Interlocked.Increment(ref viewSequence);
                var meeting = (n + v) % 2 == 0;
                clicks.Add(new Click(bot.Board.ChannelClick(member, BenchBoard.PartnersChannel, PartnersVerbs.GiveView,
                    BenchBoard.View(caseIds[c], sequence, meeting)), caseIds[c], BenchBoard.Token(sequence), member,
                    Shown(BenchBoard.AgencyName(BenchBoard.Agencies[v % GiversPerCase]), meeting ? "Meeting required" : "No meeting")));
            }
            users.Add(clicks);
        }
        return new Workload("views", "views", users, LatestViews);
    }

    /// <summary>Every case answered with a card must get its card posted as a new thread in <paramref name="channel"/>.</summary>
    private static Delivery ChannelPosts(string channel, IReadOnlyList<SeenCall> calls, IReadOnlyList<(Click Click, Timed Result)> results, long loadEnd)
    {
        var expected = results.Where(r => r.Result.Answer == Answer.Card).Select(r => r.Click.CaseId).ToHashSet();
        var posts = calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/v3/conversations", StringComparison.Ordinal)
                                     && c.Body.Contains(channel, StringComparison.Ordinal)).ToList();
        var firstPost = new Dictionary<string, long>();
        foreach (var post in posts)
            if (post.CaseId is { } id && expected.Contains(id)) firstPost.TryAdd(id, post.At);
        return new Delivery(expected.Count, firstPost.Count, firstPost.Count == 0 ? 0 : firstPost.Values.Max(),
            posts.Count, posts.Count(p => p.At <= loadEnd));
    }

    /// <summary>An agency's view as the shared card shows it.</summary>
    public static string Shown(string agencyName, string choiceWords) => agencyName + "=" + choiceWords;

    /// <summary>
    /// Each case's shared card must end up showing every agency's last accepted view: the last PUT of that card must
    /// carry exactly the tokens of each giver's last view that was answered with a card, or, for builds whose shared card
    /// shows no reasons, each agency's last view in words. (In words a card showing an older state can look the same as
    /// the last one, the choices alternating; it then shows what is true, and the window still waits for the bot to be idle.)
    /// </summary>
    private static Delivery LatestViews(IReadOnlyList<SeenCall> calls, IReadOnlyList<(Click Click, Timed Result)> results, long loadEnd)
    {
        var expected = results.Where(r => r.Result.Answer == Answer.Card)
            .GroupBy(r => r.Click.CaseId)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Click.Giver)
                .Select(m => m.MaxBy(r => r.Click.Token, StringComparer.Ordinal).Click).ToList());
        var puts = calls.Where(c => c.Method == "PUT" && (c.Tokens.Count > 0 || c.Shown.Count > 0)).ToList();
        var lastPut = new Dictionary<string, SeenCall>();
        foreach (var put in puts)
            if (put.CaseId is { } id) lastPut[id] = put;
        var arrived = 0;
        long lastAt = 0;
        foreach (var (caseId, lastViews) in expected)
        {
            if (!lastPut.TryGetValue(caseId, out var last)) continue;
            var shows = last.Tokens.Count > 0
                ? last.Tokens.SetEquals(lastViews.Select(c => c.Token!))
                : last.Shown.SetEquals(lastViews.Select(c => c.Shown!));
            if (!shows) continue;
            arrived++;
            lastAt = Math.Max(lastAt, last.At);
        }
        return new Delivery(expected.Count, arrived, lastAt, puts.Count, puts.Count(p => p.At <= loadEnd));
    }

    private static async Task<JsonObject> CardAsync(BotUnderBench bot, string activity)
    {
        var answer = await bot.InvokeAsync(activity);
        return answer.Card ?? throw new InvalidOperationException($"Seeding expected a card and got {answer.Answer}.");
    }

    private const int MaxSections = 20;

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Walk).Prepend(o),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private static bool HasAction(JsonNode card, string verb) => ActionData(card, verb) is not null;

    /// <summary>A copy of the data of the card's button with <paramref name="verb"/>, or null.</summary>
    private static JsonObject? ActionData(JsonNode card, string verb) =>
        Walk(card).FirstOrDefault(o => (string?)o["verb"] == verb) is { } action ? action["data"]?.DeepClone().AsObject() ?? [] : null;

    private static IReadOnlyList<string> InputIds(JsonNode card) =>
        [.. Walk(card).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(o => (string?)o["id"]).OfType<string>()];

    /// <summary>The case id any of the card's buttons carries.</summary>
    private static string? CaseIdOn(JsonNode? node) =>
        Walk(node).Select(o => o[ReferralVerbs.CaseIdKey] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
            .FirstOrDefault(id => id is not null);
}
