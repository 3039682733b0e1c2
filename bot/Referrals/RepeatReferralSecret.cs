using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Referrals;

/// <summary>
/// The board's own secret for repeat-referral keys (<see cref="Escalation.Referrals.RepeatReferralKeys"/>): 32 random bytes
/// made the first time one is needed and kept in the table (row "keys"/"repeat-referral", insert-only, so two
/// instances end up with the same one), read once per instance. Nothing in configuration: there is no secret to deploy.
/// </summary>
public sealed class RepeatReferralSecret(TableClient table)
{
    public const string Partition = "keys";
    public const string Row = "repeat-referral";
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (_key is { } known) return known;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        if (!row.HasValue)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(Partition, Row) { ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, ct);
            }
            catch (RequestFailedException e) when (e.Status == 409) { } // another instance made it first: use theirs
            row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        }
        return _key = Convert.FromBase64String(row.Value!.GetString("Key"));
    }
}
