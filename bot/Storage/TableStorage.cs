using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Storage;

/// <summary>Registers the one TableClient and makes sure the table exists before the bot takes traffic.</summary>
public static class TableStorage
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || IsEndpoint(o.TableEndpoint),
                "Set Storage:TableEndpoint (https://<account>.table.core.windows.net/, reached with the bot's managed identity) " +
                "or Storage:ConnectionString (Azurite locally: see README).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // A connection string (Azurite, or a key where keys are allowed) wins; in Azure, the identity: no key at all.
            var tables = string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(new Uri(o.TableEndpoint!), sp.GetRequiredService<TokenCredential>())
                : new TableServiceClient(o.ConnectionString);
            return tables.GetTableClient(o.TableName);
        });
        services.AddHostedService<TableCreator>();
        // Teams redelivers activities: the guard against doing one twice lives in the table too.
        services.AddSingleton<Teams.IActivityDeduplicator, TableActivityDeduplicator>();
        services.AddHostedService<DedupeSweeper>();
        services.AddSingleton<Teams.ClassifyFailure>(StorageFailures.Classify);
        return services;
    }

    private static bool IsEndpoint(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private sealed class TableCreator(TableClient table, ILogger<TableCreator> log) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            await table.CreateIfNotExistsAsync(ct);
            log.LogInformation("Table storage ready");
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
