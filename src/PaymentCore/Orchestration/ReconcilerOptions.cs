namespace PaymentCore.Orchestration;

/// <summary>Section "Reconciler".</summary>
public sealed class ReconcilerOptions
{
    /// <summary>How often to look for unsettled recharges.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a recharge must have been unchanged before it is looked up: longer than the
    /// idempotency lease, so a request still in flight is never raced.
    /// </summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a payer may take for a 3-D Secure challenge or an approval before the recharge fails.</summary>
    public TimeSpan AbandonActionAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Recharges looked at per pass.</summary>
    public int BatchSize { get; set; } = 100;
}
