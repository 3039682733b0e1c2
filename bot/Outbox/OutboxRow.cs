using Azure.Data.Tables;
using TeamsSafeguarding.Storage;
using TeamsSafeguarding.Teams;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// How an outbound message is stored: a row "outbox|{sequence}" in the SAME partition as the state change
/// that caused it, so both commit in one Table Storage transaction. Sent rows are deleted; rows that can
/// never be delivered move to "outboxfailed|{sequence}" with the reason (status and error code only).
/// </summary>
public static class OutboxRow
{
    public const string Prefix = "outbox|";
    public const string FailedPrefix = "outboxfailed|";
    public const string PostedPrefix = "posted|";

    /// <param name="position">The message's place among those queued in one transaction (same instant).</param>
    /// <param name="orderAt">The instant the key sorts by (the queue's own order; <paramref name="now"/> when not given).</param>
    public static TableEntity Create(string partitionKey, OutboundMessage message, DateTimeOffset now, int position = 0, DateTimeOffset? orderAt = null)
    {
        // Time-ordered row keys keep a partition's messages in the order they were queued; within one transaction
        // (one instant) the position orders them, and the guid keeps concurrent transactions' keys apart.
        var sequence = $"{(orderAt ?? now).UtcTicks:D19}-{position:D3}-{Guid.NewGuid():N}";
        var row = new TableEntity(partitionKey, Prefix + sequence)
        {
            ["TargetKind"] = message.Target.Kind.ToString(),
            ["TargetId"] = message.Target.Id,
            ["Activity"] = ActivityJson.Serialize(message.Activity),
            ["MessageKey"] = message.MessageKey,
            ["Attempts"] = 0,
            ["NextAttemptAt"] = now,
            ["QueuedAt"] = now,
        };
        Made.AddOrUpdate(row, message);
        return row;
    }

    // The message each row was made from, while the row is in memory: what this instance commits is handed to its
    // dispatcher as rows, and is sent from here without parsing its JSON back.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TableEntity, OutboundMessage> Made = new();

    public static OutboundMessage Read(TableEntity row)
    {
        if (Made.TryGetValue(row, out var made)) return made;
        var kind = Enum.Parse<TargetKind>(row.GetString("TargetKind"));
        var activity = System.Text.Json.JsonSerializer.Deserialize<Activity>(row.GetString("Activity"), ActivityJson.Options)!;
        return new OutboundMessage(new DeliveryTarget(kind, row.GetString("TargetId")), activity, row.GetString("MessageKey"));
    }

    public static string PostedKey(string messageKey) => PostedPrefix + Keys.Escape(messageKey);
}
