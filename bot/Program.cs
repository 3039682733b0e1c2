using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Escalation.Calendar;
using TeamsSafeguarding.Escalation.Referrals;
using TeamsSafeguarding.Escalation.Risk;
using TeamsSafeguarding.Identity;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Auth;
using TeamsSafeguarding.Teams.Connector;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var services = builder.Services;

// Traces, metrics and logs (Application Insights in Azure).
services.AddTelemetry(config);

// The Teams protocol layer: who may call us, how we call back.
var botOptions = config.GetSection(BotOptions.Section).Get<BotOptions>() ?? new BotOptions();
services.Configure<BotOptions>(config.GetSection(BotOptions.Section));
services.Configure<ConnectorRetryOptions>(config.GetSection(ConnectorRetryOptions.Section));
services.AddSingleton(TimeProvider.System);
services.AddInboundAuthentication(botOptions, builder.Environment);
services.AddConnectorClient();

// Storage, the outbox and conversation references.
services.AddAzureCredential(config);
services.AddTableStorage(config);
services.AddHealth();
services.Configure<OutboxOptions>(config.GetSection(OutboxOptions.Section));
services.AddSingleton<IActivityDeduplicator, TableActivityDeduplicator>();
services.AddHostedService<DedupeSweeper>();
services.AddSingleton<OutboxSignal>();
services.AddSingleton<Transactions>();
services.AddSingleton<DeliveryTargets>();
services.AddSingleton<OutboxDispatcher>();
services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
services.AddSingleton<ConversationStore>();
services.AddSingleton<ConversationTracker>();
services.AddSingleton<Replies>();
services.AddSingleton<CaseStore>();

// The board and its rules.
services.AddBoard(config);
services.Configure<CalendarOptions>(config.GetSection(CalendarOptions.Section));
services.AddSingleton(sp => WorkingDayCalendar.From(sp.GetRequiredService<IOptions<CalendarOptions>>().Value));
services.AddSingleton(config.GetSection(RiskBandsOptions.Section).Get<RiskBandsOptions>()?.ToScheme() ?? RiskBandScheme.NhsDefault);
services.Configure<CaseReferenceOptions>(config.GetSection(CaseReferenceOptions.Section));

// What the bot does for people: one feature per capability.
services.AddSingleton<IBot, SafeguardingBot>();
services.AddBotFeatures();

var app = builder.Build();
app.MapBotEndpoint();
app.MapHealth();
app.Run();

public partial class Program;
