using Azure;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Export;

public enum ExportStatus { Offered, Sending, Sent, Declined, Failed }

/// <summary>
/// An export offered to one person (partition "exports", row = its id, which the consent card carries): who asked,
/// whether each case's log is wanted as its own sheet, when, and where it stands. Only the person who asked can accept
/// it, once, within <see cref="ExportFeature.OfferLasts"/>; the file itself is made when they accept, never stored.
/// </summary>
public sealed record ExportRequest(string Id, string RequestedBy, bool WithLogs, DateTimeOffset RequestedAt, ExportStatus Status, ETag ETag = default)
{
    public const string Partition = "exports";

    public TableEntity ToEntity() => new(Partition, Id)
    {
        ["RequestedBy"] = RequestedBy,
        ["WithLogs"] = WithLogs,
        ["RequestedAt"] = RequestedAt,
        ["Status"] = Status.ToString(),
    };

    public static ExportRequest FromEntity(TableEntity e) => new(e.RowKey, e.GetString("RequestedBy") ?? "", e.GetBoolean("WithLogs") ?? false,
        e.GetDateTimeOffset("RequestedAt") ?? default, Enum.TryParse<ExportStatus>(e.GetString("Status"), out var s) ? s : ExportStatus.Failed, e.ETag);
}

public sealed class ExportRequests(TableClient table)
{
    public Task AddAsync(ExportRequest request, CancellationToken ct) => table.AddEntityAsync(request.ToEntity(), ct);

    public async Task<ExportRequest?> FindAsync(string? id, CancellationToken ct)
    {
        if (id is not { Length: 32 } || !id.All(Uri.IsHexDigit)) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ExportRequest.Partition, id, cancellationToken: ct);
        return row.HasValue ? ExportRequest.FromEntity(row.Value!) : null;
    }

    /// <summary>Moves the request on under its ETag; false if someone else moved it first (a second click on the card).</summary>
    public async Task<ExportRequest?> TryMoveAsync(ExportRequest request, ExportStatus to, CancellationToken ct)
    {
        try
        {
            var next = request with { Status = to };
            var response = await table.UpdateEntityAsync(next.ToEntity(), request.ETag, TableUpdateMode.Replace, ct);
            return next with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { return null; }
    }
}
