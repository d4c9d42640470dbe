using System.Globalization;
using System.Text.RegularExpressions;
using PaymentCore.Audit;
using PaymentCore.Recharges;
using PaymentCore.State;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The audit trail as one Redis Stream (XADD). Without a ledger it is never trimmed (retention is an
/// operations decision, see docs/operations.md, "Audit trail"); with one, its oldest entries move to
/// PostgreSQL (<see cref="IDrainableAuditTrail"/>). Stream ids order entries by time; pages are read
/// newest first with XREVRANGE. An append rings this replica's ledger doorbell (in process, no
/// Redis command), so its drainer, which moves the trail only when woken, moves it soon.
/// </summary>
public sealed partial class RedisAuditTrail(RedisConnection redis, ShardDoorbells? doorbells = null) : IDrainableAuditTrail
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var fields = FieldsOf(entry);
        return RedisFailures.GuardAsync(async () =>
        {
            await redis.Database.StreamAddAsync(redis.Keys.AuditStream, fields);
            // The trail has no shards: the entry's recharge's shard (or the first) stands for it.
            doorbells?.Ring(ShardStream.Ledger, entry.RechargeId is { } id && RechargeId.TryParseShard(id, out var shard) ? shard : 0);
        });
    }

    public async Task<AuditPage> ReadAsync(int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        // One more than asked tells whether another page follows.
        var entries = await RedisFailures.GuardAsync(() => redis.Database.StreamRangeAsync(
            redis.Keys.AuditStream, minId: "-", maxId: cursor is null ? "+" : "(" + cursor, count: pageSize + 1, messageOrder: Order.Descending));
        var page = entries.Take(pageSize).Select(e => new StoredAuditEntry(e.Id!, ToEntry(e))).ToList();
        return new AuditPage(page, entries.Length > pageSize ? page[^1].EntryId : null);
    }

    public bool IsCursor(string cursor) => StreamId().IsMatch(cursor);

    public async Task<IReadOnlyList<StoredAuditEntry>> OldestAsync(int count, CancellationToken cancellationToken)
    {
        var entries = await RedisFailures.GuardAsync(() => redis.Database.StreamRangeAsync(redis.Keys.AuditStream, count: count));
        return entries.Select(e => new StoredAuditEntry(e.Id!, ToEntry(e))).ToList();
    }

    public Task RemoveAsync(IReadOnlyCollection<string> entryIds, CancellationToken cancellationToken) =>
        RedisFailures.GuardAsync(() => redis.Database.StreamDeleteAsync(redis.Keys.AuditStream, entryIds.Select(id => (RedisValue)id).ToArray()));

    /// <summary>The entry's fields, sized once (two entries are appended per recharge): the optional ones only when present.</summary>
    private static NameValueEntry[] FieldsOf(AuditEntry entry)
    {
        var fields = new NameValueEntry[5 + Present(entry.RechargeId) + Present(entry.IdempotencyKeyDigest) + Present(entry.Reason)];
        fields[0] = new("at", entry.OccurredAt.ToUnixTimeMilliseconds());
        fields[1] = new("caller", entry.Caller);
        fields[2] = new("action", entry.Action);
        fields[3] = new("outcome", entry.Outcome);
        fields[4] = new("live", entry.Livemode ? 1 : 0);
        var next = 5;
        PutIfPresent(fields, ref next, "recharge_id", entry.RechargeId);
        PutIfPresent(fields, ref next, "key_sha256", entry.IdempotencyKeyDigest);
        PutIfPresent(fields, ref next, "reason", entry.Reason);
        return fields;
    }

    private static int Present(string? value) => string.IsNullOrEmpty(value) ? 0 : 1;

    private static void PutIfPresent(NameValueEntry[] fields, ref int next, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[next++] = new(name, value);
        }
    }

    private static AuditEntry ToEntry(StreamEntry entry)
    {
        string? Field(string name) => entry[name] is { IsNull: false } value ? value.ToString() : null;
        return new AuditEntry(
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Field("at") ?? "0", CultureInfo.InvariantCulture)),
            Field("caller") ?? string.Empty,
            Field("action") ?? string.Empty,
            Field("recharge_id"),
            Field("key_sha256"),
            Field("outcome") ?? string.Empty,
            Field("live") == "1",
            Field("reason"));
    }

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    private static partial Regex StreamId();
}
