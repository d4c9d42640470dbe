using PaymentCore.Limits;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// What the limit scripts take and answer (limit_common.lua): a reservation's ARGV, which reserve.lua
/// takes alone and begin.lua after its own, and the decision it answers; the rules' ARGV of usage.lua.
/// </summary>
public static class LimitScriptValues
{
    /// <summary>reserve.lua's ARGV for <paramref name="check"/>.</summary>
    public static void AddReservation(List<RedisValue> values, LimitCheck check, TimeSpan horizon)
    {
        // Grown once to its final size, not doubled on the way there.
        values.EnsureCapacity(values.Count + 8 + check.Windows.Count + (4 * check.Rules.Count));
        values.Add(check.At.ToUnixTimeMilliseconds());
        values.Add((long)horizon.TotalMilliseconds);
        values.Add(check.EntryId);
        values.Add(check.AmountReference);
        values.Add(BudgetRuleName(check.Key));
        values.Add((long)SpendingBudget.Window.TotalMilliseconds);
        values.Add(check.Instrument ?? string.Empty);
        values.Add(check.Windows.Count);
        foreach (var window in check.Windows)
        {
            values.Add((long)window.TotalMilliseconds);
        }

        AddRules(values, check.Rules);
    }

    /// <summary>The decision in what reserve.lua answered for <paramref name="check"/>.</summary>
    public static LimitDecision Decision(LimitCheck check, RedisResult[] result)
    {
        var counts = check.Windows.Select((w, i) => WindowCountAt(result, 2 + (5 * i), w)).ToList();
        var name = (string)result[0]!;
        if (name.Length == 0)
        {
            return new LimitDecision(null, counts);
        }

        var rule = check.Rules.FirstOrDefault(r => r.Name == name) ?? BudgetRule(name);
        return new LimitDecision(new LimitBreach(rule, TimeSpan.FromMilliseconds((long)result[1])), counts);
    }

    public static void AddRules(List<RedisValue> values, IReadOnlyList<LimitRule> rules)
    {
        // Indexed, not foreach: an IReadOnlyList's enumerator is a boxed allocation per script call.
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            values.Add(rule.Name);
            values.Add(rule.Measure == LimitMeasure.Count ? "count" : "amount");
            values.Add((long)rule.Window.TotalMilliseconds);
            values.Add(rule.Limit);
        }
    }

    public static string BudgetRuleName(string limitKey) => LimitKeys.TryGetUser(limitKey, out _) ? SpendingBudget.RuleName : string.Empty;

    /// <summary>The user's budget rule a script named (its limit is the budget in force, which only the script read).</summary>
    public static LimitRule BudgetRule(string name) => name == SpendingBudget.RuleName
        ? new LimitRule(name, LimitDimension.User, LimitMeasure.Amount, SpendingBudget.Window, 0)
        : throw new InvalidOperationException($"A limit script named an unknown rule '{name}'.");

    /// <summary>One window's five counts, as reserve.lua returns them from <paramref name="at"/> on.</summary>
    private static WindowCount WindowCountAt(RedisResult[] result, int at, TimeSpan window) =>
        new(window, (long)result[at], Amount: (long)result[at + 1], Charges: (long)result[at + 2], Declines: (long)result[at + 3], DistinctInstruments: (long)result[at + 4]);
}
