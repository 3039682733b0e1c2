using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Digest;
using TeamsSafeguarding.Export;
using TeamsSafeguarding.Identity;
using TeamsSafeguarding.Measures;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Operations;
using TeamsSafeguarding.Operations.Telemetry;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Retention;
using TeamsSafeguarding.Routing;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Triage;
using TeamsSafeguarding.Welcome;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

builder.Services
    .AddSingleton(TimeProvider.System)
    .AddTelemetry(config)                           // traces, metrics and logs (Application Insights in Azure)
    .AddAzureCredential(config)                     // the managed identity in Azure
    .AddTeamsProtocol(config, builder.Environment) // who may call us, how we call back
    .AddTableStorage(config)                        // one table: cases, conversations, the outbox
    .AddHealth()
    .AddOutbox(config)
    .AddConversations()
    .AddCaseFiles(config)                           // the one command pipeline every case change goes through
    .AddBoard(config)                               // people, channels and the process profile
    .AddSafeguardingBot()
    // What the bot does for people: a folder per capability.
    .AddWelcome()
    .AddReferrals(config)
    .AddTriage()
    .AddPartners()
    .AddMeetings(config)                            // the review meeting: Graph (or an invitation file), record, follow-up
    // The board's view of its cases (issue 12).
    .AddRegister()
    .AddDigest()
    .AddMeasures()
    .AddExport(config)
    .AddRetention();

var app = builder.Build();
app.MapBotEndpoint();
app.MapHealth();
app.MapMeetingInvitations();
app.Run();

public partial class Program;
