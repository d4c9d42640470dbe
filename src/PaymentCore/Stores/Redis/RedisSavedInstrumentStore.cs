using System.Globalization;
using PaymentCore.Recharges;
using PaymentCore.Recharges.SavedInstruments;
using StackExchange.Redis;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// Saved instruments in Redis: one hash per user in the user's shard (<see cref="RedisKeys.SavedInstruments"/>).
/// Field "{id}" holds the instrument as saved (JSON, written once by save_instrument.lua, which also
/// holds the per-user bound, so a second save of the same recharge adds nothing); what changes later lives in fields of its own, "{id}:used" (unix
/// ms) and "{id}:unusable" (the reason), so no change rewrites another's; "customer:{gateway}" holds
/// the user's customer at a gateway. Besides the add, single-field commands only. Pending saves
/// (<see cref="RedisKeys.PendingSaves"/>) are one sorted set per shard, scanned like the unsettled recharges.
/// </summary>
public sealed class RedisSavedInstrumentStore(RedisConnection redis) : ISavedInstrumentStore
{
    private const string UsedSuffix = ":used";
    private const string UnusableSuffix = ":unusable";
    private const string CustomerPrefix = "customer:";

    private readonly RedisKeys _keys = redis.Keys;

    public Task<SavedInstrumentAdd> AddAsync(SavedInstrument instrument, int maxPerUser, CancellationToken cancellationToken) =>
        GuardAsync(async () => (int)await RedisScript.SaveInstrument.RunAsync(redis.Database, new
        {
            instruments = _keys.SavedInstruments(instrument.UserId),
            id = instrument.InstrumentId,
            instrument = RedisJson.Write(instrument with { LastUsedAt = null, UnusableReason = null }, RechargeJson.Default.SavedInstrument),
            maxPerUser,
        }) switch
        {
            1 => SavedInstrumentAdd.Added,
            0 => SavedInstrumentAdd.AlreadySaved,
            _ => SavedInstrumentAdd.LimitReached,
        });

    public Task<SavedInstrument?> GetAsync(string userId, string instrumentId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var values = await redis.Database.HashGetAsync(
                _keys.SavedInstruments(userId), [instrumentId, instrumentId + UsedSuffix, instrumentId + UnusableSuffix]);
            return values[0].IsNull ? null : Read(values[0], values[1], values[2]);
        });

    public Task<IReadOnlyList<SavedInstrument>> ListAsync(string userId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var fields = (await redis.Database.HashGetAllAsync(_keys.SavedInstruments(userId))).ToDictionary(e => (string)e.Name!, e => e.Value);
            IReadOnlyList<SavedInstrument> list = fields
                .Where(f => SavedInstrumentId.IsWellFormed(f.Key))
                .Select(f => Read(f.Value, fields.GetValueOrDefault(f.Key + UsedSuffix), fields.GetValueOrDefault(f.Key + UnusableSuffix)))
                .OrderByDescending(i => i.CreatedAt)
                .ToList();
            return list;
        });

    public Task<bool> RemoveAsync(string userId, string instrumentId, CancellationToken cancellationToken) =>
        GuardAsync(async () => await redis.Database.HashDeleteAsync(
            _keys.SavedInstruments(userId), [instrumentId, instrumentId + UsedSuffix, instrumentId + UnusableSuffix]) > 0);

    public Task MarkUsedAsync(string userId, string instrumentId, DateTimeOffset at, CancellationToken cancellationToken) =>
        SetIfSavedAsync(userId, instrumentId, UsedSuffix, at.ToUnixTimeMilliseconds());

    public Task MarkUnusableAsync(string userId, string instrumentId, string reason, CancellationToken cancellationToken) =>
        SetIfSavedAsync(userId, instrumentId, UnusableSuffix, reason);

    public Task AddPendingSaveAsync(string rechargeId, DateTimeOffset at, CancellationToken cancellationToken) =>
        GuardAsync(() => redis.Database.SortedSetAddAsync(PendingSaves(rechargeId), rechargeId, at.ToUnixTimeMilliseconds(), SortedSetWhen.NotExists));

    public Task<IReadOnlyList<PendingSave>> ListPendingSavesAsync(DateTimeOffset recordedBefore, int max, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var batch = redis.Database.CreateBatch();
            var scans = Enumerable.Range(0, RechargeId.ShardCount)
                .Select(shard => batch.SortedSetRangeByScoreWithScoresAsync(
                    _keys.PendingSaves(shard), stop: recordedBefore.ToUnixTimeMilliseconds(), exclude: Exclude.Stop, take: max))
                .ToList();
            batch.Execute();
            IReadOnlyList<PendingSave> due = (await Task.WhenAll(scans))
                .SelectMany(s => s)
                .Select(e => new PendingSave((string)e.Element!, DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score)))
                .OrderBy(p => p.RecordedAt)
                .Take(max)
                .ToList();
            return due;
        });

    public Task PostponePendingSaveAsync(string rechargeId, DateTimeOffset at, CancellationToken cancellationToken) =>
        GuardAsync(() => redis.Database.SortedSetAddAsync(PendingSaves(rechargeId), rechargeId, at.ToUnixTimeMilliseconds(), SortedSetWhen.Exists));

    public Task RemovePendingSaveAsync(string rechargeId, CancellationToken cancellationToken) =>
        GuardAsync(() => redis.Database.SortedSetRemoveAsync(PendingSaves(rechargeId), rechargeId));

    public Task<string?> CustomerAsync(string userId, string gateway, CancellationToken cancellationToken) =>
        GuardAsync(async () => (string?)await redis.Database.HashGetAsync(_keys.SavedInstruments(userId), CustomerPrefix + gateway));

    public Task RememberCustomerAsync(string userId, string gateway, string customer, CancellationToken cancellationToken) =>
        GuardAsync(() => redis.Database.HashSetAsync(_keys.SavedInstruments(userId), CustomerPrefix + gateway, customer));

    /// <summary>
    /// Sets a field of a saved instrument. An instrument deleted between the check and the write
    /// leaves a field without its instrument, which <see cref="ListAsync"/> and
    /// <see cref="GetAsync"/> never read and a later save of the same id would not find stale
    /// (ids are derived from the saving recharge, which saves once).
    /// </summary>
    private Task SetIfSavedAsync(string userId, string instrumentId, string suffix, RedisValue value) =>
        GuardAsync(async () =>
        {
            var key = _keys.SavedInstruments(userId);
            if (await redis.Database.HashExistsAsync(key, instrumentId))
            {
                await redis.Database.HashSetAsync(key, instrumentId + suffix, value);
            }
        });

    /// <summary>The pending saves of the recharge's shard (the shard of its user, so beside the user's instruments).</summary>
    private RedisKey PendingSaves(string rechargeId) =>
        RechargeId.TryParseShard(rechargeId, out var shard)
            ? _keys.PendingSaves(shard)
            : throw new ArgumentException($"'{rechargeId}' is not a recharge id.", nameof(rechargeId));

    private static SavedInstrument Read(RedisValue json, RedisValue used, RedisValue unusable) =>
        RedisJson.Read(json, RechargeJson.Default.SavedInstrument) with
        {
            LastUsedAt = used.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)used!, CultureInfo.InvariantCulture)),
            UnusableReason = unusable.IsNull ? null : (string?)unusable,
        };
}
