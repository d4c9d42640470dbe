using Microsoft.Extensions.Options;
using Npgsql;

namespace PaymentCore.Ledger;

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

/// <summary>Refuses a ledger configuration that could not work, at startup, naming the field.</summary>
public sealed class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add("Ledger:ConnectionString names no Host.");
                }
            }
            catch (ArgumentException e)
            {
                failures.Add($"Ledger:ConnectionString is not an Npgsql connection string ({e.Message}).");
            }
        }

        if (options.HotRetention <= TimeSpan.Zero)
        {
            failures.Add($"Ledger:HotRetention must be positive, not '{options.HotRetention}'.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"Ledger:BatchSize must be between 1 and 10000, not {options.BatchSize}.");
        }

        if (options.ClaimAfter <= TimeSpan.Zero)
        {
            failures.Add($"Ledger:ClaimAfter must be positive, not '{options.ClaimAfter}'.");
        }

        if (options.IdleDelay <= TimeSpan.Zero || options.IdleDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Ledger:IdleDelay must be positive and at most a minute, not '{options.IdleDelay}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
