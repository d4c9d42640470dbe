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
            var values = new List<RedisValue>
            {
                check.At.ToUnixTimeMilliseconds(),
                (long)horizon.TotalMilliseconds,
                check.EntryId,
                check.AmountReference,
                BudgetRuleName(check.Key),
                (long)SpendingBudget.Window.TotalMilliseconds,
                check.Instrument ?? string.Empty,
                check.Windows.Count,
            };
            values.AddRange(check.Windows.Select(w => (RedisValue)(long)w.TotalMilliseconds));
            AddRules(values, check.Rules);
            var result = (RedisResult[])(await RedisScript.Reserve.RunAsync(
                redis.Database, [keys.Entries, keys.Budget], [.. values]))!;
            var counts = check.Windows.Select((w, i) => WindowCountAt(result, 2 + (5 * i), w)).ToList();
            var name = (string)result[0]!;
            if (name.Length == 0)
            {
                return new LimitDecision(null, counts);
            }

            var rule = check.Rules.FirstOrDefault(r => r.Name == name) ?? BudgetRule(name);
            return new LimitDecision(new LimitBreach(rule, TimeSpan.FromMilliseconds((long)result[1])), counts);
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
                BudgetRuleName(check.Key),
                (long)SpendingBudget.Window.TotalMilliseconds,
            };
            AddRules(values, check.Rules);
            var result = (RedisResult[])(await RedisScript.Usage.RunAsync(redis.Database, [keys.Entries, keys.Budget], [.. values]))!;
            var usage = new List<LimitUsage>();
            for (var i = 0; i < result.Length; i += 3)
            {
                var name = (string)result[i]!;
                var rule = check.Rules.FirstOrDefault(r => r.Name == name)
                    ?? BudgetRule(name) with { Limit = long.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture) };
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

    private static void AddRules(List<RedisValue> values, IEnumerable<LimitRule> rules)
    {
        foreach (var rule in rules)
        {
            values.Add(rule.Name);
            values.Add(rule.Measure == LimitMeasure.Count ? "count" : "amount");
            values.Add((long)rule.Window.TotalMilliseconds);
            values.Add(rule.Limit);
        }
    }

    /// <summary>One window's five counts, as reserve.lua returns them from <paramref name="at"/> on.</summary>
    private static WindowCount WindowCountAt(RedisResult[] result, int at, TimeSpan window) =>
        new(window, (long)result[at], Amount: (long)result[at + 1], Charges: (long)result[at + 2], Declines: (long)result[at + 3], DistinctInstruments: (long)result[at + 4]);

    private static string ReleaseName(LimitRelease release) => release switch
    {
        LimitRelease.NotAttempted => "not_attempted",
        LimitRelease.Failed => "failed",
        LimitRelease.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(release), release, null),
    };

    private static string BudgetRuleName(string limitKey) => LimitKeys.TryGetUser(limitKey, out _) ? SpendingBudget.RuleName : string.Empty;

    private static LimitRule BudgetRule(string name) => name == SpendingBudget.RuleName
        ? new LimitRule(name, LimitDimension.User, LimitMeasure.Amount, SpendingBudget.Window, 0)
        : throw new InvalidOperationException($"reserve.lua named an unknown rule '{name}'.");

    private static long? Number(RedisValue value) => value.HasValue ? (long)value : null;

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
