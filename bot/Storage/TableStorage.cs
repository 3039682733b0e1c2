using Azure.Core;
using Azure.Core.Pipeline;
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
            var client = ClientOptions(o);
            // A connection string (Azurite, or a key where keys are allowed) wins; in Azure, the identity: no key at all.
            var tables = string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(new Uri(o.TableEndpoint!), sp.GetRequiredService<TokenCredential>(), client)
                : new TableServiceClient(o.ConnectionString, client);
            return tables.GetTableClient(o.TableName);
        });
        services.AddHostedService<TableCreator>();
        // Teams redelivers activities: the guard against doing one twice lives in the table too.
        services.AddSingleton<Teams.IActivityDeduplicator, TableActivityDeduplicator>();
        services.AddHostedService<DedupeSweeper>();
        services.AddSingleton<Teams.ClassifyFailure>(StorageFailures.Classify);
        return services;
    }

    /// <summary>
    /// A bounded pool of connections and a request timeout, so that under a burst requests queue in the bot in order
    /// and any storage request (so any commit) is over, one way or the other, within about a minute and a half.
    /// </summary>
    public static TableClientOptions ClientOptions(StorageOptions o)
    {
        var options = new TableClientOptions
        {
            Transport = new HttpClientTransport(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(1, o.MaxConnections),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5), // storage front ends change; DNS is looked up again
            }),
        };
        options.Retry.NetworkTimeout = o.RequestTimeout;
        options.Retry.MaxRetries = 3;
        return options;
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
