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
/// <param name="Instrument">The attempt's payment instrument as its limit key (a digest, see <see cref="LimitKeys.Instrument"/>),
/// recorded for the distinct-instrument counts; null when the instrument is not known before the payer acts,
/// and on the instrument's own key, where it would always be the one instrument.</param>
public sealed record LimitCheck(
    string Key,
    IReadOnlyList<LimitRule> Rules,
    string EntryId,
    long AmountReference,
    DateTimeOffset At,
    LimitDimension Dimension = LimitDimension.User,
    IReadOnlyList<TimeSpan>? CountWindows = null,
    string? Instrument = null)
{
    public IReadOnlyList<TimeSpan> Windows => CountWindows ?? [];
}

/// <summary>What a reservation found: the breach, if any, and the counts of the windows asked for.</summary>
public sealed record LimitDecision(LimitBreach? Breach, IReadOnlyList<WindowCount> Counts);

/// <summary>
/// What one key counted in one window, before this attempt. Every measure is over the attempts
/// counted in the window (an attempt is placed in time when it was reserved), so
/// <c>Attempts = Charges + Declines + other failures</c>.
/// </summary>
/// <param name="Window">The rolling window that ends at the attempt.</param>
/// <param name="Attempts">Attempts counted: every reserved attempt, whatever became of its payment.</param>
/// <param name="Amount">The amount of the <paramref name="Charges"/>, in reference minor units.</param>
/// <param name="Charges">Attempts whose payment has not failed: succeeded, or still in flight.</param>
/// <param name="Declines">Attempts whose payment the gateway declined.</param>
/// <param name="DistinctInstruments">Distinct payment instruments among the attempts whose instrument was known.</param>
public sealed record WindowCount(TimeSpan Window, long Attempts, long Amount, long Charges, long Declines, long DistinctInstruments);

/// <summary>Why an attempt's reservation on a key is given back, and so what of it stays counted.</summary>
public enum LimitRelease
{
    /// <summary>The attempt did not go ahead (another limit refused it, it was a replay): nothing of it stays counted.</summary>
    NotAttempted,

    /// <summary>The payment failed without a gateway's decline (blocked by a fraud rule, gateway not reached, payer
    /// never finished): the amount is given back; the attempt and its instrument stay counted.</summary>
    Failed,

    /// <summary>The gateway declined the payment: as <see cref="Failed"/>, and the attempt counts as a decline.</summary>
    Declined,
}

/// <summary>The first limit an attempt would exceed, and when it would fit again.</summary>
public sealed record LimitBreach(LimitRule Rule, TimeSpan RetryAfter);

/// <summary>How much of a limit is used right now, reservations in flight included.</summary>
public sealed record LimitUsage(LimitRule Rule, long Used)
{
    public long Remaining => Math.Max(0, Rule.Limit - Used);
}
