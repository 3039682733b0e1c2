using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsSafeguarding.Board;
using TeamsSafeguarding.Cases;
using TeamsSafeguarding.Conversations;
using TeamsSafeguarding.Digest;
using TeamsSafeguarding.Export;
using TeamsSafeguarding.Measures;
using TeamsSafeguarding.Escalation.Process;
using TeamsSafeguarding.Identity;
using TeamsSafeguarding.Meetings;
using TeamsSafeguarding.Outbox;
using TeamsSafeguarding.Partners;
using TeamsSafeguarding.Referrals;
using TeamsSafeguarding.Register;
using TeamsSafeguarding.Retention;
using TeamsSafeguarding.Teams;
using TeamsSafeguarding.Triage;
using TeamsSafeguarding.Welcome;

namespace TeamsSafeguarding.Tests.Support;

/// <summary>
/// The bot's own service registrations (the same AddX() calls Program.cs makes), over a given Azurite table, clock,
/// board and process profile, without a web host: feature tests resolve what they click and sweep from here, so they
/// follow the bot's wiring instead of repeating constructor calls.
/// </summary>
internal static class BotServices
{
    public static ServiceProvider Create(TableClient table, TimeProvider clock, BoardOptions board, ProcessProfile? profile = null,
        ILoggerProvider? logs = null, IEnumerable<string>? allowedTenants = null, Action<IServiceCollection>? more = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null) b.AddProvider(logs);
        });
        services.AddSingleton(clock);
        services.AddSingleton(table);
        // What the web host gives every app: work that outlives a request (an export's upload) stops with it.
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddTeamsProtocol(config, new DevelopmentEnvironment());
        services.AddOutbox(config).AddConversations().AddCaseFiles(config).AddBoard(config)
            .AddWelcome().AddReferrals(config).AddTriage().AddPartners().AddAzureCredential(config).AddMeetings(config)
            .AddRegister().AddDigest().AddMeasures().AddExport(config).AddRetention();
        // What the test says wins over the (empty) configuration.
        services.AddSingleton<IOptions<BoardOptions>>(Options.Create(board));
        services.AddSingleton(profile ?? ProcessProfile.Default);
        services.AddSingleton<IOptions<BotOptions>>(Options.Create(new BotOptions { AllowedTenantIds = [.. allowedTenants ?? ["tenant"]] }));
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private sealed class DevelopmentEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "TeamsSafeguarding.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
