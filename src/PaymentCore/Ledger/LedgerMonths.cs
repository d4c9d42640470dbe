using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace PaymentCore.Ledger;

/// <summary>
/// The months whose partitions this process has made sure of (<c>ledger_ensure_month</c> creates
/// every table's partition of a month), so a batch asks PostgreSQL only for a month new to it.
/// </summary>
public sealed class LedgerMonths
{
    private readonly ConcurrentDictionary<DateOnly, bool> _ensured = new();

    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateOnly> months, CancellationToken cancellationToken)
    {
        foreach (var month in months.Distinct().Where(m => !_ensured.ContainsKey(m)))
        {
            await using var command = new NpgsqlCommand("select ledger_ensure_month(@month)", connection);
            command.Parameters.Add(new NpgsqlParameter("month", NpgsqlDbType.Date) { Value = month });
            await command.ExecuteNonQueryAsync(cancellationToken);
            _ensured[month] = true;
        }
    }

    /// <summary>A partition this process thought present was detached meanwhile: ask again next time.</summary>
    public void Forget() => _ensured.Clear();

    /// <summary>Whether PostgreSQL refused a row because its month has no partition (detached since).</summary>
    public static bool IsMissingPartition(PostgresException e) =>
        e.SqlState == PostgresErrorCodes.CheckViolation && e.MessageText.Contains("no partition", StringComparison.Ordinal);
}
