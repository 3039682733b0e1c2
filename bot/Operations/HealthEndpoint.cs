using Azure.Data.Tables;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TeamsSafeguarding.Operations;

/// <summary>
/// Health for the platform, saying nothing about cases. Liveness (GET /health/live): the process answers, so a
/// storage outage does not get it restarted. Readiness (GET /health/ready, and /healthz, which App Service probes):
/// 200 when Table Storage answers, 503 otherwise, so traffic goes to instances that can do their work.
/// </summary>
public static class HealthEndpoint
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<TableStorageCheck>("storage", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/ready", ready);
        app.MapHealthChecks("/healthz", ready);
        return app;
    }

    /// <summary>{"status":"healthy","storage":"ok"}: a word per check, never an exception or its message.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new Dictionary<string, string> { ["status"] = report.Status == HealthStatus.Unhealthy ? "unhealthy" : "healthy" };
        foreach (var (name, entry) in report.Entries)
            body[name] = entry.Status == HealthStatus.Healthy ? "ok" : "unreachable";
        return context.Response.WriteAsJsonAsync(body);
    }

    private sealed class TableStorageCheck(TableClient table) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct)) break;
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy(e.GetType().Name);
            }
        }
    }
}
