using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Teams.Auth;

var builder = WebApplication.CreateBuilder(args);

var botOptions = builder.Configuration.GetSection(BotOptions.Section).Get<BotOptions>() ?? new BotOptions();
builder.Services.Configure<BotOptions>(builder.Configuration.GetSection(BotOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddInboundAuthentication(botOptions, builder.Environment);
builder.Services.AddTableStorage(builder.Configuration);
builder.Services.AddSingleton<IActivityDeduplicator, TableActivityDeduplicator>();
builder.Services.AddHostedService<DedupeSweeper>();

var app = builder.Build();
app.MapBotEndpoint();
app.Run();

public partial class Program;
