namespace PaymentCore.Limits;

/// <summary>
/// Counts attempts and amounts per dimension key over rolling windows. Each call is atomic on
/// one key (one hash slot in Redis), so concurrent attempts can never overshoot a limit.
/// Implementations throw <see cref="State.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ILimitLedger
{
    /// <summary>
    /// If the attempt fits every rule of the check (and, for a user key, the user's own budget),
    /// counts it (the attempt and its amount) and returns null; otherwise counts nothing and
    /// returns the first limit it would exceed; either way with the counts of the check's windows as
    /// they were before the attempt. Entries older than <paramref name="horizon"/> are dropped.
    /// </summary>
    Task<LimitDecision> ReserveAsync(LimitCheck check, TimeSpan horizon, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back an attempt's amount (a failed payment), and with <paramref name="includeAttempt"/>
    /// the attempt itself (an attempt that never happened, e.g. refused by another limit).
    /// </summary>
    Task ReleaseAsync(string key, string entryId, long amountReference, bool includeAttempt, CancellationToken cancellationToken);

    /// <summary>Usage of every rule of the check right now (for a user key, the budget too).</summary>
    Task<IReadOnlyList<LimitUsage>> UsageAsync(LimitCheck check, CancellationToken cancellationToken);

    Task<SpendingBudget> GetBudgetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Atomically replaces the user's budget with <paramref name="change"/> of the stored one.</summary>
    Task<SpendingBudget> UpdateBudgetAsync(string userId, Func<SpendingBudget, SpendingBudget> change, CancellationToken cancellationToken);
}
