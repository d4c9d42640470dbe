namespace PaymentCore.Limits;

/// <summary>
/// Counts attempts, amounts, declines and instruments used per dimension key over rolling windows.
/// Each call is atomic on one key (one hash slot in Redis), so concurrent attempts can never
/// overshoot a limit.
/// Implementations throw <see cref="State.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ILimitLedger
{
    /// <summary>
    /// If the attempt fits every rule of the check (and, for a user key, the user's own budget),
    /// counts it (the attempt, its amount and its instrument) and returns null; otherwise counts
    /// nothing and returns the first limit it would exceed; either way with the counts of the check's
    /// windows as they were before the attempt. Entries older than <paramref name="horizon"/> are dropped.
    /// </summary>
    Task<LimitDecision> ReserveAsync(LimitCheck check, TimeSpan horizon, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back what a reserved attempt holds on one key, as <paramref name="release"/> says: its amount
    /// always; the attempt and its instrument use too when it did not go ahead; a gateway's decline is
    /// recorded at the attempt's time, so it falls in the same windows as the attempt.
    /// </summary>
    Task ReleaseAsync(string key, string entryId, long amountReference, LimitRelease release, CancellationToken cancellationToken);

    /// <summary>Usage of every rule of the check right now (for a user key, the budget too).</summary>
    Task<IReadOnlyList<LimitUsage>> UsageAsync(LimitCheck check, CancellationToken cancellationToken);

    Task<SpendingBudget> GetBudgetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Atomically replaces the user's budget with <paramref name="change"/> of the stored one.</summary>
    Task<SpendingBudget> UpdateBudgetAsync(string userId, Func<SpendingBudget, SpendingBudget> change, CancellationToken cancellationToken);
}
