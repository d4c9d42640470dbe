namespace PaymentCore.State;

/// <summary>Section "Ledger": PostgreSQL as the record of recharges, Redis (or memory) as the hot path.</summary>
public sealed class LedgerOptions
{
    /// <summary>An Npgsql connection string; absent = no ledger (recharges live only in the hot store, as before).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a settled, drained recharge stays in Redis before only the ledger holds it.</summary>
    public TimeSpan HotRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Versions the drainer reads from each shard's stream per round; one round's versions (at most
    /// 64 × this) go to PostgreSQL in one round trip and one transaction.
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a replica may hold stream entries unacknowledged before another takes them over (it died).</summary>
    public TimeSpan ClaimAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the drainer waits when there was nothing to drain, or after PostgreSQL failed.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
