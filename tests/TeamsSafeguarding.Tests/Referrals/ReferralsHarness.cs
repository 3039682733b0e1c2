using Xunit;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cards.Referrals;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Triage;
using Drafts = TeamsSafeguarding.Tests.Escalation.Referrals.Drafts;

namespace TeamsSafeguarding.Tests.Referrals;

/// <summary>The referral feature wired to a fresh Azurite table, with people who click its cards.</summary>
internal sealed class ReferralsHarness
{
    public const string Referrer = "aad-referrer";
    public const string Coordinator = "aad-coordinator";
    public const string Stranger = "aad-stranger";
    public const string PoliceRep = "aad-police";
    public const string CoordinatorsChannel = "19:coordinators@thread.tacv2";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
    public TableClient Table { get; }
    public CaseStore Cases { get; }
    public BoardOptions Board { get; }
    public DraftExpiry Expiry { get; }
    /// <summary>Every line the referral feature logged, formatted, so tests can check no personal data is logged.</summary>
    public TeamsSafeguarding.Tests.Teams.Connector.LogCollector Logs { get; } = new();
    private readonly BotRoutes _routes = new();

    public ReferralsHarness(TableClient table, bool coordinatorsChannel = true)
    {
        Table = table;
        Board = new BoardOptions
        {
            CoordinatorsChannelId = coordinatorsChannel ? CoordinatorsChannel : null,
            Coordinators = [Coordinator],
            Partners = BoardOptions.DefaultPartners(),
        };
        Board.Partners[1].Members.Add(PoliceRep);
        var loggers = new Microsoft.Extensions.Logging.LoggerFactory([Logs]);
        Microsoft.Extensions.Logging.ILogger<T> Log<T>() => new Microsoft.Extensions.Logging.Logger<T>(loggers);
        var board = Options.Create(Board);
        var transactions = new Transactions(table, new OutboxSignal(), Clock);
        Cases = new CaseStore(table, transactions);
        var access = new CaseAccess(Cases, Clock, Log<CaseAccess>());
        var directory = new BoardDirectory(board);
        var submission = new ReferralSubmission(Cases, table, access, new ReceivedReferralNotice(board), RiskBandScheme.NhsDefault,
            Options.Create(new CaseReferenceOptions()), Board.ListedReferringAgencies(), Clock, Log<ReferralSubmission>());
        var details = new CaseDetails(Cases, access, directory, Board.ListedReferringAgencies(), Clock, Log<CaseDetails>());
        new ReferralsFeature(Cases, access, submission, details, new Replies(transactions), Board.ListedReferringAgencies(), Clock,
            Log<ReferralsFeature>()).Map(_routes);
        Expiry = new DraftExpiry(Cases, board, Clock, Log<DraftExpiry>());
    }

    public static Activity PersonalActivity(string userKey) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        From = new ChannelAccount { Id = "29:" + userKey, AadObjectId = userKey, Name = "Sam Worker" },
        Conversation = new ConversationAccount { Id = "a:personal-" + userKey, ConversationType = "personal" },
    };

    public async Task<InvokeResponse> ClickAsync(string userKey, string verb, JsonObject? data = null, Activity? activity = null)
    {
        activity ??= PersonalActivity(userKey);
        var handler = _routes.FindVerb(verb) ?? throw new InvalidOperationException($"No handler for {verb}");
        return await handler(new CardAction(activity, Actor.From(activity)!, verb, data ?? new JsonObject(), false), CancellationToken.None);
    }

    public Task<InvokeResponse> ClickAsync(string userKey, string verb, string caseId, IReadOnlyDictionary<string, string?>? inputs = null, string? step = null)
    {
        var data = new JsonObject { [ReferralVerbs.CaseIdKey] = caseId };
        if (step is not null) data[ReferralVerbs.StepKey] = step;
        foreach (var (k, v) in inputs ?? new Dictionary<string, string?>()) data[k] = v;
        return ClickAsync(userKey, verb, data);
    }

    /// <summary>Clicks the Action.Execute button titled <paramref name="title"/> anywhere on the card, sending its own data.</summary>
    public Task<InvokeResponse> ClickButtonAsync(string userKey, JsonObject card, string title)
    {
        var button = Buttons(card).Single(b => (string?)b["title"] == title);
        return ClickAsync(userKey, (string)button["verb"]!, button["data"]!.DeepClone().AsObject());
    }

    /// <summary>Every Action.Execute on the card, in the body and in its actions.</summary>
    public static IReadOnlyList<JsonObject> Buttons(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.Execute" => [o],
        JsonObject o => [.. o.SelectMany(p => Buttons(p.Value))],
        JsonArray a => [.. a.SelectMany(Buttons)],
        _ => [],
    };

    public static JsonObject RouteAnswers(string urgent = "no", string disagreement = "no", string capacity = "no") => new()
    {
        [RouteCheck.UrgentRiskFieldId] = urgent,
        [RouteCheck.ProfessionalDisagreementFieldId] = disagreement,
        [RouteCheck.LacksCapacityFieldId] = capacity,
    };

    /// <summary>Answers the route check; returns the new draft's case id (from the first section card).</summary>
    public async Task<string> StartDraftAsync(string userKey = Referrer)
    {
        var card = CardOf(await ClickAsync(userKey, ReferralVerbs.Route, RouteAnswers()));
        return CaseIdOn(card);
    }

    /// <summary>The complete test referral, typed section by section with Next, ending on the review card.</summary>
    public async Task<(string CaseId, JsonObject Review)> FillCompleteAsync(string userKey = Referrer, ReferralDraft? answers = null)
    {
        var caseId = await StartDraftAsync(userKey);
        var draft = answers ?? Drafts.Complete();
        JsonObject card = null!;
        foreach (var section in ReferralForm.Sections)
        {
            // Extra risks are added with the card's "Add another risk" button before their answers can be typed.
            if (section.Id == ReferralForm.MultiAgencySection)
                for (var n = 2; n <= draft.RiskCount; n++) await ClickAsync(userKey, ReferralVerbs.AddRisk, caseId, null, section.Id);
            var inputs = section.FieldsFor(draft.RiskCount).ToDictionary(f => f.Id, f => draft.Get(f.Id));
            card = CardOf(await ClickAsync(userKey, ReferralVerbs.Next, caseId, inputs, section.Id));
        }
        return (caseId, card);
    }

    public static JsonObject CardOf(InvokeResponse response)
    {
        Assert.Equal(InvokeResponse.CardType, response.Body?["type"]?.GetValue<string>());
        return response.Body!["value"]!.AsObject();
    }

    public static string MessageOf(InvokeResponse response)
    {
        Assert.Equal(InvokeResponse.MessageType, response.Body?["type"]?.GetValue<string>());
        return response.Body!["value"]!.GetValue<string>();
    }

    public static string CaseIdOn(JsonObject card) =>
        card["actions"]!.AsArray().Select(a => a!["data"]?[ReferralVerbs.CaseIdKey]?.GetValue<string>()).First(id => id is not null)!;

    public static IEnumerable<string> Verbs(JsonObject card) =>
        card["actions"]!.AsArray().Select(a => a!["verb"]!.GetValue<string>());

    public async Task<IReadOnlyList<TableEntity>> OutboxAsync(string caseId) => await Cases.GetRowsAsync(caseId, OutboxRow.Prefix, CancellationToken.None);
}
