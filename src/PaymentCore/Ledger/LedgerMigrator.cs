using System.Globalization;
using Npgsql;

namespace PaymentCore.Ledger;

/// <summary>
/// Applies the SQL files in Ledger/Migrations (embedded, named NNNN_what.sql) in order, each once,
/// each in its own transaction, recorded in ledger_migrations. Replicas starting together take
/// turns on an advisory lock, so each migration runs once.
/// </summary>
public sealed partial class LedgerMigrator(LedgerDatabase database, ILogger<LedgerMigrator> logger)
{
    private const string ResourcePrefix = "PaymentCore.Ledger.";
    private const long LockKey = 0x5043_4C45_4447_4552; // "PCLEDGER"

    /// <summary>Applies what is missing; returns the names of the migrations applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "select pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await ExecuteAsync(connection, null,
                "create table if not exists ledger_migrations (id int primary key, name text not null, applied_at timestamptz not null default now())",
                cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("select id from ledger_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<string>();
            foreach (var (id, name) in Migrations().Where(m => !applied.Contains(m.Id)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, Read(name), cancellationToken);
                await ExecuteAsync(connection, transaction, "insert into ledger_migrations (id, name) values (@id, @name)", cancellationToken, ("id", id), ("name", name));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(name);
                done.Add(name);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, "select pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    /// <summary>The embedded migrations, by number.</summary>
    public static IReadOnlyList<(int Id, string Name)> Migrations() =>
        typeof(LedgerMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".sql".Length])
            .Select(n => (Id: int.Parse(n[..4], CultureInfo.InvariantCulture), Name: n))
            .OrderBy(m => m.Id)
            .ToList();

    private static string Read(string name)
    {
        using var stream = typeof(LedgerMigrator).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".sql")
            ?? throw new InvalidOperationException($"Migration '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger migration {Migration} applied")]
    private partial void LogApplied(string migration);
}
