using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Triage;

namespace TeamsSafeguarding.Tests.Triage;

/// <summary>The triage and partners features over a real Azurite table, with a board of named people and a fixed clock.</summary>
public sealed class BoardHarness
{
    public const string Dbm = "dbm-1";
    public const string Coordinator = "coord-1";
    public const string Chair = "chair-1";
    public const string Outsider = "someone-else";
    public const string Referrer = "referrer-1";
    public const string CoordinatorsChannel = "19:coordinators@thread.tacv2";
    public const string PartnersChannel = "19:partners@thread.tacv2";

    public BoardHarness(TableClient table, Action<BoardOptions>? configure = null)
    {
        Board = new BoardOptions
        {
            CoordinatorsChannelId = CoordinatorsChannel,
            PartnersChannelId = PartnersChannel,
            Coordinators = [Coordinator],
            DeputyBoardManagers = [Dbm],
            Chairs = [Chair],
            Partners =
            [
                new() { Id = "la", Name = "Local authority", Members = ["la-1", "29:la-2"] },
                new() { Id = "police", Name = "Police", Members = ["police-1"] },
                new() { Id = "icb", Name = "NHS integrated care board", Members = ["icb-1"] },
            ],
        };
        configure?.Invoke(Board);
        var options = Options.Create(Board);
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)); // a Monday
        Table = table;
        var transactions = new Transactions(table, new OutboxSignal(), Clock);
        Cases = new CaseStore(table, transactions);
        var directory = new BoardDirectory(options);
        Conversations = new ConversationStore(table);
        TeamsIds = new MemberTeamsIds(Conversations, options);
        var partnersCards = new PartnersCards(options, directory, TeamsIds, Clock);
        PartnersCards = partnersCards;
        var effects = new DecisionEffects(options, partnersCards);
        var calendarOptions = new CalendarOptions();
        Calendar = WorkingDayCalendar.From(calendarOptions);
        Notice = new ReceivedReferralNotice(options);
        new TriageFeature(Cases, directory, partnersCards, options, Calendar, Options.Create(calendarOptions), Clock,
            NullLogger<TriageFeature>.Instance).Map(Routes);
        new PartnersFeature(Cases, directory, partnersCards, effects, TeamsIds, Clock, NullLogger<PartnersFeature>.Instance).Map(Routes);
        new AgreedResponseFeature(Cases, directory, partnersCards, options, Clock, NullLogger<AgreedResponseFeature>.Instance).Map(Routes);
        Deadlines = new PartnerDeadlines(Cases, partnersCards, effects, TeamsIds, options, Calendar, Clock, NullLogger<PartnerDeadlines>.Instance);
    }

    public TableClient Table { get; }
    public BoardOptions Board { get; }
    public FakeTimeProvider Clock { get; }
    public CaseStore Cases { get; }
    public WorkingDayCalendar Calendar { get; }
    public ReceivedReferralNotice Notice { get; }
    public BotRoutes Routes { get; } = new();
    public ConversationStore Conversations { get; }
    public MemberTeamsIds TeamsIds { get; }
    public PartnersCards PartnersCards { get; }
    public PartnerDeadlines Deadlines { get; }

    public async Task<CaseRecord> SeedReceivedAsync()
    {
        var now = Clock.GetUtcNow();
        var record = new CaseRecord
        {
            CaseId = CaseStore.NewCaseId(), Reference = "SAB-2026-0001", Stage = "Received", ReferrerKey = Referrer,
            ReferringAgency = "Housing association", Version = 1, CreatedAt = now, UpdatedAt = now, ReceivedAt = now, RiskBand = "High",
        };
        var tx = Cases.Begin(record.CaseId);
        tx.Add(record.ToEntity());
        await tx.CommitAsync(default);
        return record;
    }

    public Task<InvokeResponse> ClickAsync(string userKey, string verb, JsonObject data, string? activityId = null, string? teamsUserId = null)
    {
        var activity = new Activity { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", Id = activityId ?? Guid.NewGuid().ToString("N") };
        var handler = Routes.FindVerb(verb) ?? throw new InvalidOperationException($"No handler for {verb}");
        return handler(new CardAction(activity, new Actor(userKey, teamsUserId ?? userKey, null, "tenant"), verb, data, false), default);
    }

    /// <summary>Types a chat command and returns what the bot queued for that conversation.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> TypeAsync(string userKey, string text, string conversationId)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, Conversation = new ConversationAccount { Id = conversationId, ConversationType = "channel" } };
        var handler = Routes.FindCommand(text) ?? throw new InvalidOperationException($"No command for {text}");
        await handler(new ChatMessage(activity, new Actor(userKey, userKey, null, "tenant"), text), default);
        var rows = Table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(OutboxRow.Prefix) >= 0 && e.RowKey.CompareTo("outbox}") < 0);
        var messages = new List<OutboundMessage>();
        await foreach (var row in rows) messages.Add(OutboxRow.Read(row));
        return messages.Where(m => m.Target.Id == conversationId).ToList();
    }

    public static JsonObject AllChecks(string result, string caseId)
    {
        var data = new JsonObject { ["caseId"] = caseId };
        foreach (var c in TriageCards.Checks) data[c.FieldId] = result;
        return data;
    }

    public async Task<IReadOnlyList<OutboundMessage>> OutboxAsync(string caseId) =>
        (await Cases.GetRowsAsync(caseId, OutboxRow.Prefix, default)).Select(OutboxRow.Read).ToList();

    public static JsonObject CardOf(OutboundMessage message) => (JsonObject)message.Activity.Attachments![0].Content!;

    public static JsonObject CardOf(InvokeResponse response) =>
        response.Body?["type"]?.GetValue<string>() == InvokeResponse.CardType
            ? (JsonObject)response.Body!["value"]!
            : throw new Xunit.Sdk.XunitException("Expected a card, got: " + response.Body?.ToJsonString());

    public static string MessageOf(InvokeResponse response) =>
        response.Body?["type"]?.GetValue<string>() == InvokeResponse.MessageType
            ? response.Body!["value"]!.GetValue<string>()
            : throw new Xunit.Sdk.XunitException("Expected a message, got: " + response.Body?.ToJsonString());
}
