using Azure;
using Azure.Data.Tables;

namespace TeamsSafeguarding.Outbox;

/// <summary>
/// One partition (a case, a chat) this instance's dispatcher is sending, in memory: whether it holds the partition's mark
/// in the outbox index (and under which ETag and until when), the messages waiting in queue order, where its cards were
/// posted, and what was last sent on each card. Lock the session to read or change its fields; <see cref="Gate"/>
/// orders the changes of who holds it (claims, renewals, closing), which write to storage.
/// </summary>
internal sealed class PartitionSession(string partitionKey)
{
    public string PartitionKey { get; } = partitionKey;
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool Owned { get; private set; }
    public ETag ETag { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
    public DateTimeOffset LookAt { get; set; }
    /// <summary>Marked by this instance and nobody since: every message in it was handed over here.</summary>
    public bool Clean { get; set; }
    /// <summary>Storage may hold messages this instance was not handed (another instance's, or from before a crash).</summary>
    public bool MustQuery { get; set; }
    /// <summary>When the partition was last read (its messages as then); the mark can go once LookAt is before it.</summary>
    public DateTimeOffset LastQueryAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Commits of this instance between their claim and their hand-over.</summary>
    public int InFlight { get; set; }
    /// <summary>A task is sending this partition.</summary>
    public bool Working { get; set; }
    /// <summary>Tasks using the session (claims, passes); it is forgotten when none is and it is not held.</summary>
    public int Users { get; set; }

    public SortedDictionary<string, TableEntity> Pending { get; } = new(StringComparer.Ordinal);
    /// <summary>Where each card (message key) of the partition was posted, learnt while holding it.</summary>
    public Dictionary<string, Outbox.DeliveryTargets.Posted> Posted { get; } = new(StringComparer.Ordinal);
    /// <summary>The row key of the last update sent on each card: an older update is an older state, never sent.</summary>
    public Dictionary<string, string> LastSent { get; } = new(StringComparer.Ordinal);

    private TaskCompletionSource? _wake;

    public void Own(ETag etag, DateTimeOffset leaseUntil, DateTimeOffset lookAt, bool clean)
    {
        Owned = true;
        ETag = etag;
        LeaseUntil = leaseUntil;
        LookAt = lookAt;
        Clean = clean;
        MustQuery = !clean;
    }

    /// <summary>No longer held here: what was learnt about it may be out of date for whoever holds it next.</summary>
    public void Disown()
    {
        Owned = false;
        Clean = false;
        MustQuery = false;
        Pending.Clear();
        Posted.Clear();
        LastSent.Clear();
    }

    /// <summary>A task waiting for more work wakes up (new messages handed over).</summary>
    public void Wake() => _wake?.TrySetResult();

    /// <summary>Completes when <see cref="Wake"/> is called; call under the session's lock, await outside it.</summary>
    public Task WhenWoken() => (_wake is { Task.IsCompleted: false } w ? w : _wake = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>What to do next with the waiting messages: the next one to send, the ones no longer worth sending.</summary>
    /// <param name="Send">The first message, in queue order, that nothing waiting holds back and whose retry time has come.</param>
    /// <param name="Dropped">Updates of a card that a later update of it (with no new post in between) or what was already sent on it replaces.</param>
    /// <param name="NextRetry">When the earliest message held for a retry comes due, if any is.</param>
    public sealed record Plan(TableEntity? Send, IReadOnlyList<TableEntity> Dropped, DateTimeOffset? NextRetry);

    /// <summary>
    /// Reads the queue lane by lane (<see cref="LanesOf"/>): a message waiting for a retry holds back the
    /// later ones of its conversation and its card, not the rest. Only a card's newest state is sent: an update that a
    /// later update of the same card replaces is dropped.
    /// </summary>
    public Plan Next(DateTimeOffset now)
    {
        var rows = Pending.Values.ToList();
        var dropped = new List<TableEntity>();
        var replaced = Replaced(rows, CardOf);
        for (var i = 0; i < rows.Count; i++)
            if (!replaced[i] && IsOlderThanSent(rows[i])) replaced[i] = true;

        var held = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? nextRetry = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (replaced[i])
            {
                dropped.Add(rows[i]);
                continue;
            }
            var lanes = LanesOf(rows[i]);
            if (lanes.Overlaps(held))
            {
                held.UnionWith(lanes); // behind a waiting message: so is anything behind this one
                continue;
            }
            if (rows[i].GetDateTimeOffset("NextAttemptAt") is { } due && due > now)
            {
                held.UnionWith(lanes);
                if (nextRetry is null || due < nextRetry) nextRetry = due;
                continue;
            }
            return new Plan(rows[i], dropped, nextRetry);
        }
        return new Plan(null, dropped, nextRetry);
    }

    /// <summary>
    /// What a message must stay in order with: its conversation (or person), and the card it posts or updates.
    /// An update's conversation is only known from its post, which shares the card's lane.
    /// </summary>
    public static HashSet<string> LanesOf(TableEntity row)
    {
        var kind = row.GetString("TargetKind");
        var target = row.GetString("TargetId");
        var key = row.GetString("MessageKey");
        if (kind == nameof(TargetKind.Update)) return ["card:" + target];
        var lanes = new HashSet<string>(StringComparer.Ordinal) { $"to:{kind}:{target}" };
        if (!string.IsNullOrEmpty(key)) lanes.Add("card:" + key);
        return lanes;
    }

    /// <summary>An update older than the last one sent on its card: an older state, never sent.</summary>
    private bool IsOlderThanSent(TableEntity row) =>
        LastSent.Count > 0 && CardOf(row) is (true, { } card) && LastSent.TryGetValue(card, out var last)
        && string.CompareOrdinal(row.RowKey, last) < 0;

    /// <summary>
    /// For each message in queue order, whether a later update of the same card replaces it (with no new post of that
    /// card in between: an update before a new post goes to the old copy, and must be sent). Used on the queue here, and
    /// on a group of commands' messages before they are stored (<see cref="Cases.GroupWrites"/>).
    /// </summary>
    public static bool[] Replaced<T>(IReadOnlyList<T> queue, Func<T, (bool Update, string? Card)> cardOf)
    {
        var replaced = new bool[queue.Count];
        var laterUpdate = new HashSet<string>(StringComparer.Ordinal);
        for (var i = queue.Count - 1; i >= 0; i--)
        {
            var (update, card) = cardOf(queue[i]);
            if (card is null) continue;
            if (!update) laterUpdate.Remove(card);
            else if (!laterUpdate.Add(card)) replaced[i] = true;
        }
        return replaced;
    }

    /// <summary>Whether a message updates a card, and which card (message key) it posts or updates, if any.</summary>
    public static (bool Update, string? Card) CardOf(OutboundMessage message) =>
        message.Target.Kind == TargetKind.Update
            ? (true, message.Target.Id)
            : (false, message.MessageKey is { Length: > 0 } key ? key : null);

    /// <summary>Whether a row updates a card, and which card (message key) it posts or updates, if any.</summary>
    public static (bool Update, string? Card) CardOf(TableEntity row) =>
        row.GetString("TargetKind") == nameof(TargetKind.Update)
            ? (true, row.GetString("TargetId"))
            : (false, row.GetString("MessageKey") is { Length: > 0 } key ? key : null);
}
