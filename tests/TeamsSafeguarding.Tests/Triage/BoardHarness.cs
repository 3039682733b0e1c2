using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Cases;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Escalation.Register;
using TeamsSafeguarding.Tests.Support;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Register;
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

    public const string Tenant = "tenant";

    public BoardHarness(TableClient table, Action<BoardOptions>? configure = null, ProcessProfile? profile = null,
        Microsoft.Extensions.Logging.ILoggerProvider? logs = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? more = null)
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
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)); // a Monday
        Table = table;
        Services = BotServices.Create(table, Clock, Board, profile, logs, [Tenant], more, settings);
        foreach (var feature in Services.GetServices<IBotFeature>()) feature.Map(Routes);
    }

    public ServiceProvider Services { get; }
    public TableClient Table { get; }
    public BoardOptions Board { get; }
    public FakeTimeProvider Clock { get; }
    public CaseStore Cases => Services.GetRequiredService<CaseStore>();
    public CaseCommands Commands => Services.GetRequiredService<CaseCommands>();
    public ProcessProfile Profile => Services.GetRequiredService<ProcessProfile>();
    public WorkingDayCalendar Calendar => Services.GetRequiredService<WorkingDayCalendar>();
    public ReceivedReferralNotice Notice => Services.GetRequiredService<ReceivedReferralNotice>();
    public BotRoutes Routes { get; } = new();
    public ConversationStore Conversations => Services.GetRequiredService<ConversationStore>();
    public MemberTeamsIds TeamsIds => Services.GetRequiredService<MemberTeamsIds>();
    public PartnersCards PartnersCards => Services.GetRequiredService<PartnersCards>();
    public PartnerDeadlines Deadlines => Services.GetRequiredService<PartnerDeadlines>();
    public DeputyAbsenceStore Absences => Services.GetRequiredService<DeputyAbsenceStore>();

    /// <summary>
    /// Writes a case straight into storage, as a test's starting point (a case the bot has already received), with its
    /// entry in the board's register as every case command keeps it.
    /// </summary>
    public async Task SeedAsync(Case record, params ITableEntity[] rows)
    {
        await Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, CaseRow.ToEntity(record)),
            .. rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r))]);
        if (RegisterEntry.Of(record, Profile, Calendar) is { } entry) await Table.UpsertEntityAsync(RegisterIndex.ToEntity(entry));
    }

    public async Task<Case> SeedReceivedAsync()
    {
        var now = Clock.GetUtcNow();
        var record = new Case
        {
            CaseId = CaseStore.NewCaseId(), Reference = "SAB-2026-0001", Stage = CaseStage.Received, ReferrerKey = Referrer,
            ReferringAgency = "Housing association", Version = 1, CreatedAt = now, UpdatedAt = now, ReceivedAt = now, StageSince = now, RiskBand = "High",
        };
        await SeedAsync(record);
        return record;
    }

    public Task<InvokeResponse> ClickAsync(string userKey, string verb, JsonObject data, string? activityId = null, string? teamsUserId = null)
    {
        var activity = new Activity { Type = ActivityTypes.Invoke, Name = "adaptiveCard/action", Id = activityId ?? Guid.NewGuid().ToString("N") };
        var handler = Routes.FindVerb(verb) ?? throw new InvalidOperationException($"No handler for {verb}");
        return handler(new CardAction(activity, new Actor(userKey, teamsUserId ?? userKey, null, Tenant), verb, data, false), default);
    }

    /// <summary>Types a chat command and returns what the bot queued for that conversation.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> TypeAsync(string userKey, string text, string conversationId, string conversationType = "channel")
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = text, Conversation = new ConversationAccount { Id = conversationId, ConversationType = conversationType } };
        var handler = Routes.FindCommand(text) ?? throw new InvalidOperationException($"No command for {text}");
        await handler(new ChatMessage(activity, new Actor(userKey, userKey, null, Tenant), text), default);
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
