namespace PaymentCore.Limits;

/// <summary>What a limit is counted on.</summary>
public enum LimitDimension
{
    User,
    Instrument,
    Ip,
    Device,
}

/// <summary>Whether a limit sums amounts (in the reference currency) or counts attempts.</summary>
public enum LimitMeasure
{
    Amount,
    Count,
}

/// <summary>One limit: at most <paramref name="Limit"/> (reference minor units, or attempts) per rolling <paramref name="Window"/>.</summary>
public sealed record LimitRule(string Name, LimitDimension Dimension, LimitMeasure Measure, TimeSpan Window, long Limit);

/// <summary>
/// The limits of one dimension value (one user, one IP, …) that an attempt must fit into.
/// </summary>
/// <param name="Key">The counted thing, e.g. "user:u-1" or "ip:203.0.113.9"; the store hashes it into a key.</param>
/// <param name="Rules">The rules of the tier for this dimension (and the user's own budget, for the user).</param>
/// <param name="EntryId">Identifies the attempt (the recharge id), so it can be released exactly.</param>
/// <param name="AmountReference">The attempt's amount in reference minor units.</param>
/// <param name="At">When the attempt happened; windows roll back from here.</param>
/// <param name="Dimension">What <paramref name="Key"/> counts.</param>
/// <param name="CountWindows">Windows to report the counts of (before this attempt), for the fraud rules' velocity facts.</param>
public sealed record LimitCheck(
    string Key,
    IReadOnlyList<LimitRule> Rules,
    string EntryId,
    long AmountReference,
    DateTimeOffset At,
    LimitDimension Dimension = LimitDimension.User,
    IReadOnlyList<TimeSpan>? CountWindows = null)
{
    public IReadOnlyList<TimeSpan> Windows => CountWindows ?? [];
}

/// <summary>What a reservation found: the breach, if any, and the counts of the windows asked for.</summary>
public sealed record LimitDecision(LimitBreach? Breach, IReadOnlyList<WindowCount> Counts);

/// <summary>Attempts and amount (reference minor units, failed payments excluded) of one key in one window, before this attempt.</summary>
public sealed record WindowCount(TimeSpan Window, long Attempts, long Amount);

/// <summary>The first limit an attempt would exceed, and when it would fit again.</summary>
public sealed record LimitBreach(LimitRule Rule, TimeSpan RetryAfter);

/// <summary>How much of a limit is used right now, reservations in flight included.</summary>
public sealed record LimitUsage(LimitRule Rule, long Used)
{
    public long Remaining => Math.Max(0, Rule.Limit - Used);
}
