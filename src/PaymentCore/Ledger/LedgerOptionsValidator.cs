using Microsoft.Extensions.Options;
using Npgsql;
using PaymentCore.State;

namespace PaymentCore.Ledger;

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
