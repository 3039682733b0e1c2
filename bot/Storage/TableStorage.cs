using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace TeamsSafeguarding.Storage;

/// <summary>Registers the one TableClient and makes sure the table exists before the bot takes traffic.</summary>
public static class TableStorage
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is required (use Azurite locally: see README).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new TableClient(o.ConnectionString, o.TableName);
        });
        services.AddHostedService<TableCreator>();
        services.AddSingleton<Teams.ClassifyFailure>(StorageFailures.Classify);
        return services;
    }

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
