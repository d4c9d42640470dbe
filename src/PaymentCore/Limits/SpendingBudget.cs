namespace PaymentCore.Limits;

/// <summary>
/// A user's own monthly (rolling 30 days) budget in reference minor units. Lowering applies at
/// once; raising or removing waits for the cooling-off period, as responsible-spending tools do.
/// </summary>
/// <param name="Effective">The budget in force; null when the user set none.</param>
/// <param name="Pending">A raised budget waiting to apply; null for none, 0 for "remove the budget".</param>
/// <param name="PendingAt">When <paramref name="Pending"/> applies.</param>
public sealed record SpendingBudget(long? Effective, long? Pending, DateTimeOffset? PendingAt)
{
    public const string RuleName = "user_budget_30d";
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static SpendingBudget None { get; } = new(null, null, null);

    /// <summary>The budget as it stands at <paramref name="now"/>, a due pending change applied.</summary>
    public SpendingBudget At(DateTimeOffset now) =>
        Pending is { } pending && PendingAt <= now
            ? new SpendingBudget(pending == 0 ? null : pending, null, null)
            : this;

    /// <summary>The budget after the user asks for <paramref name="requested"/> (0 removes it).</summary>
    public SpendingBudget Request(long requested, DateTimeOffset now, TimeSpan coolingOff)
    {
        var current = At(now);
        if (requested == 0 && current.Effective is null)
        {
            return None;
        }

        var lowers = requested > 0 && (current.Effective is null || requested <= current.Effective);
        return lowers
            ? new SpendingBudget(requested, null, null)
            : current with { Pending = requested, PendingAt = now + coolingOff };
    }
}
