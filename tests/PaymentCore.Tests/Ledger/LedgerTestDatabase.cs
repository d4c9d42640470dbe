using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PaymentCore.Ledger;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Tests.Ledger;

/// <summary>A migrated ledger database of its own on a test PostgreSQL, and the SQL the tests check it with.</summary>
public sealed class LedgerTestDatabase : IAsyncDisposable
{
    private LedgerTestDatabase(string connectionString, LedgerDatabase database)
    {
        ConnectionString = connectionString;
        Database = database;
        Writer = new LedgerWriter(database, new LedgerMonths());
        Reader = new LedgerReader(database);
    }

    public string ConnectionString { get; }

    public LedgerDatabase Database { get; }

    public LedgerWriter Writer { get; }

    public LedgerReader Reader { get; }

    public static async Task<LedgerTestDatabase> CreateAsync(Infrastructure.PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var database = new LedgerDatabase(Options.Create(new LedgerOptions { ConnectionString = connectionString }));
        await new LedgerMigrator(database, NullLogger<LedgerMigrator>.Instance).MigrateAsync(default);
        return new LedgerTestDatabase(connectionString, database);
    }

    /// <summary>A recharge as the orchestrator makes it, at version 1 (as begin stores it).</summary>
    public static Recharge Draft(string? user = null, DateTimeOffset? at = null) =>
        Infrastructure.SampleRecharge.Draft(user ?? Infrastructure.Requests.NewUser(), at ?? DateTimeOffset.UtcNow) with { Version = 1 };

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task<long> CountAsync(string table, string rechargeId) =>
        ScalarAsync<long>($"select count(*) from {table} where recharge_id = @id", ("id", rechargeId));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
