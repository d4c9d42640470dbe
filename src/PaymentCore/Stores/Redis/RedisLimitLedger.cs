using System.Globalization;
using PaymentCore.Limits;
using StackExchange.Redis;
using static PaymentCore.Stores.Redis.RedisFailures;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// Limit counters in Redis: per limit key one sorted set of its attempts, amounts, instruments used
/// and declines, scored by the attempt's time, so windows roll exactly (see limit_common.lua).
/// Each call is one script on the key's own slot: a reservation trims, reads, adds and sets the expiry.
/// </summary>
public sealed class RedisLimitLedger(RedisConnection redis, TimeProvider time) : ILimitLedger
{
    private readonly RedisKeys _keys = redis.Keys;

    public Task<LimitDecision> ReserveAsync(LimitCheck check, TimeSpan horizon, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var keys = _keys.Counters(check.Key);
            var values = new List<RedisValue>();
            LimitScriptValues.AddReservation(values, check, horizon);
            var result = (RedisResult[])(await RedisScript.Reserve.RunAsync(
                redis.Database, [keys.Entries, keys.Budget], [.. values]))!;
            return LimitScriptValues.Decision(check, result);
        });

    public Task ReleaseAsync(string key, string entryId, long amountReference, LimitRelease release, CancellationToken cancellationToken) =>
        GuardAsync(() =>
        {
            var keys = _keys.Counters(key);
            return RedisScript.Release.RunAsync(
                redis.Database, [keys.Entries], [entryId, amountReference, ReleaseName(release)]);
        });

    public Task<IReadOnlyList<LimitUsage>> UsageAsync(LimitCheck check, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var keys = _keys.Counters(check.Key);
            var values = new List<RedisValue>
            {
                check.At.ToUnixTimeMilliseconds(),
                LimitScriptValues.BudgetRuleName(check.Key),
                (long)SpendingBudget.Window.TotalMilliseconds,
            };
            LimitScriptValues.AddRules(values, check.Rules);
            var result = (RedisResult[])(await RedisScript.Usage.RunAsync(redis.Database, [keys.Entries, keys.Budget], [.. values]))!;
            var usage = new List<LimitUsage>();
            for (var i = 0; i < result.Length; i += 3)
            {
                var name = (string)result[i]!;
                var rule = check.Rules.FirstOrDefault(r => r.Name == name)
                    ?? LimitScriptValues.BudgetRule(name) with { Limit = long.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture) };
                usage.Add(new LimitUsage(rule, long.Parse((string)result[i + 2]!, CultureInfo.InvariantCulture)));
            }

            return (IReadOnlyList<LimitUsage>)usage;
        });

    public Task<SpendingBudget> GetBudgetAsync(string userId, CancellationToken cancellationToken) =>
        GuardAsync(async () => (await ReadBudgetAsync(userId)).Budget.At(time.GetUtcNow()));

    public Task<SpendingBudget> UpdateBudgetAsync(string userId, Func<SpendingBudget, SpendingBudget> change, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            // Compare and set: budgets change rarely, so a lost race simply reads again.
            while (true)
            {
                var (current, state) = await ReadBudgetAsync(userId);
                var updated = change(current);
                var replaced = await RedisScript.SetBudget.RunAsync(redis.Database, new
                {
                    budget = _keys.Budget(userId),
                    read = state,
                    effective = Text(updated.Effective),
                    pending = Text(updated.Pending),
                    pendingAt = Text(updated.PendingAt?.ToUnixTimeMilliseconds()),
                });
                if ((int)replaced == 1)
                {
                    return updated;
                }
            }
        });

    private async Task<(SpendingBudget Budget, string State)> ReadBudgetAsync(string userId)
    {
        var fields = await redis.Database.HashGetAsync(_keys.Budget(userId), ["e", "p", "pa"]);
        var budget = new SpendingBudget(
            Number(fields[0]),
            Number(fields[1]),
            Number(fields[2]) is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
        return (budget, $"{fields[0]}|{fields[1]}|{fields[2]}");
    }

    private static string ReleaseName(LimitRelease release) => release switch
    {
        LimitRelease.NotAttempted => "not_attempted",
        LimitRelease.Failed => "failed",
        LimitRelease.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(release), release, null),
    };

    private static long? Number(RedisValue value) => value.HasValue ? (long)value : null;

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
