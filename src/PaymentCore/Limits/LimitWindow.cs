namespace PaymentCore.Limits;

/// <summary>One counted attempt: when, which, and its amount in reference minor units.</summary>
public readonly record struct LimitEntry(long AtMilliseconds, string EntryId, long Amount);

/// <summary>The instrument (its limit key) one counted attempt used.</summary>
public readonly record struct InstrumentUse(long AtMilliseconds, string EntryId, string Instrument);

/// <summary>
/// The arithmetic of rolling windows, shared by the in-memory ledger (the Redis ledger does the
/// same in Lua, and the conformance suite holds the two together).
/// </summary>
public static class LimitWindow
{
    /// <summary>The first rule the attempt would exceed, and when enough of its window will have rolled off.</summary>
    public static LimitBreach? FirstBreach(
        IEnumerable<LimitRule> rules,
        List<LimitEntry> attempts,
        List<LimitEntry> amounts,
        long amount,
        long nowMilliseconds)
    {
        foreach (var rule in rules)
        {
            var entries = rule.Measure == LimitMeasure.Count ? attempts : amounts;
            var adding = rule.Measure == LimitMeasure.Count ? 1 : amount;
            var used = Used(rule, attempts, amounts, nowMilliseconds);
            if (used + adding > rule.Limit)
            {
                return new LimitBreach(rule, RetryAfter(rule, entries, used, adding, nowMilliseconds));
            }
        }

        return null;
    }

    public static long Used(LimitRule rule, List<LimitEntry> attempts, List<LimitEntry> amounts, long nowMilliseconds)
    {
        var since = nowMilliseconds - (long)rule.Window.TotalMilliseconds;
        var counted = rule.Measure == LimitMeasure.Count;
        long used = 0;
        foreach (var entry in counted ? attempts : amounts)
        {
            if (entry.AtMilliseconds > since)
            {
                used += counted ? 1 : entry.Amount;
            }
        }

        return used;
    }

    /// <summary>Every measure of one window; an entry is in it when it is younger than the window (the start excluded).</summary>
    public static WindowCount CountOf(
        TimeSpan window,
        List<LimitEntry> attempts,
        List<LimitEntry> amounts,
        List<LimitEntry> declines,
        List<InstrumentUse> instruments,
        long nowMilliseconds)
    {
        var since = nowMilliseconds - (long)window.TotalMilliseconds;
        long charges = 0, amount = 0;
        foreach (var entry in amounts)
        {
            if (entry.AtMilliseconds > since)
            {
                charges++;
                amount += entry.Amount;
            }
        }

        HashSet<string>? distinct = null;
        foreach (var use in instruments)
        {
            if (use.AtMilliseconds > since)
            {
                (distinct ??= new HashSet<string>(StringComparer.Ordinal)).Add(use.Instrument);
            }
        }

        return new WindowCount(window, CountSince(attempts, since), amount, charges, CountSince(declines, since), distinct?.Count ?? 0);
    }

    /// <summary>
    /// When the attempt fits the rule's window again: once enough of the window's oldest entries rolled
    /// off (sorted only here, on a refusal), or a whole window when the attempt alone exceeds the limit.
    /// </summary>
    private static TimeSpan RetryAfter(LimitRule rule, List<LimitEntry> entries, long used, long adding, long nowMilliseconds)
    {
        var window = (long)rule.Window.TotalMilliseconds;
        if (adding <= rule.Limit)
        {
            var counted = rule.Measure == LimitMeasure.Count;
            foreach (var entry in entries.Where(e => e.AtMilliseconds > nowMilliseconds - window).OrderBy(e => e.AtMilliseconds))
            {
                used -= counted ? 1 : entry.Amount;
                if (used + adding <= rule.Limit)
                {
                    return TimeSpan.FromMilliseconds(entry.AtMilliseconds + window - nowMilliseconds);
                }
            }
        }

        return TimeSpan.FromMilliseconds(window);
    }

    private static long CountSince(List<LimitEntry> entries, long since)
    {
        long count = 0;
        foreach (var entry in entries)
        {
            if (entry.AtMilliseconds > since)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The user's budget as a rule, if one is in force.</summary>
    public static LimitRule? BudgetRule(SpendingBudget budget, DateTimeOffset now) =>
        budget.At(now).Effective is { } effective
            ? new LimitRule(SpendingBudget.RuleName, LimitDimension.User, LimitMeasure.Amount, SpendingBudget.Window, effective)
            : null;
}
