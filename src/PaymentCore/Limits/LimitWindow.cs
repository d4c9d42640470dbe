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
        IReadOnlyList<LimitEntry> attempts,
        IReadOnlyList<LimitEntry> amounts,
        long amount,
        long nowMilliseconds)
    {
        foreach (var rule in rules)
        {
            var window = (long)rule.Window.TotalMilliseconds;
            var entries = (rule.Measure == LimitMeasure.Count ? attempts : amounts)
                .Where(e => e.AtMilliseconds > nowMilliseconds - window)
                .OrderBy(e => e.AtMilliseconds)
                .ToList();
            long Weight(LimitEntry e) => rule.Measure == LimitMeasure.Count ? 1 : e.Amount;
            var adding = rule.Measure == LimitMeasure.Count ? 1 : amount;
            var used = entries.Sum(Weight);
            if (used + adding <= rule.Limit)
            {
                continue;
            }

            var retryAfter = TimeSpan.FromMilliseconds(window);
            if (adding <= rule.Limit)
            {
                foreach (var entry in entries)
                {
                    used -= Weight(entry);
                    if (used + adding <= rule.Limit)
                    {
                        retryAfter = TimeSpan.FromMilliseconds(entry.AtMilliseconds + window - nowMilliseconds);
                        break;
                    }
                }
            }

            return new LimitBreach(rule, retryAfter);
        }

        return null;
    }

    public static long Used(LimitRule rule, IEnumerable<LimitEntry> attempts, IEnumerable<LimitEntry> amounts, long nowMilliseconds)
    {
        var since = nowMilliseconds - (long)rule.Window.TotalMilliseconds;
        return rule.Measure == LimitMeasure.Count
            ? attempts.Count(e => e.AtMilliseconds > since)
            : amounts.Where(e => e.AtMilliseconds > since).Sum(e => e.Amount);
    }

    /// <summary>Every measure of one window; an entry is in it when it is younger than the window (the start excluded).</summary>
    public static WindowCount CountOf(
        TimeSpan window,
        IEnumerable<LimitEntry> attempts,
        IEnumerable<LimitEntry> amounts,
        IEnumerable<LimitEntry> declines,
        IEnumerable<InstrumentUse> instruments,
        long nowMilliseconds)
    {
        var since = nowMilliseconds - (long)window.TotalMilliseconds;
        var charges = amounts.Where(e => e.AtMilliseconds > since).ToList();
        return new WindowCount(
            window,
            attempts.Count(e => e.AtMilliseconds > since),
            charges.Sum(e => e.Amount),
            charges.Count,
            declines.Count(e => e.AtMilliseconds > since),
            instruments.Where(i => i.AtMilliseconds > since).Select(i => i.Instrument).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The user's budget as a rule, if one is in force.</summary>
    public static LimitRule? BudgetRule(SpendingBudget budget, DateTimeOffset now) =>
        budget.At(now).Effective is { } effective
            ? new LimitRule(SpendingBudget.RuleName, LimitDimension.User, LimitMeasure.Amount, SpendingBudget.Window, effective)
            : null;
}
