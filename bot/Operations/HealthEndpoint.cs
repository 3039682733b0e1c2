using Azure.Data.Tables;

namespace TeamsSafeguarding.Operations;

/// <summary>GET /healthz: 200 when Table Storage answers, 503 otherwise. Says nothing about cases.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (TableClient table, CancellationToken ct) =>
        {
            try
            {
                await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct)) break;
                return Results.Json(new { status = "healthy", storage = "ok" });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Json(new { status = "unhealthy", storage = "unreachable" }, statusCode: 503);
            }
        });
        return app;
    }
}
