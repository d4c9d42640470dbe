using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using PaymentCore.State;

namespace PaymentCore.Ledger;

/// <summary>The process's one pool of PostgreSQL connections to the ledger.</summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    public LedgerDatabase(IOptions<LedgerOptions> options)
    {
        _source = NpgsqlDataSource.Create(options.Value.ConnectionString ?? throw new InvalidOperationException("Ledger:ConnectionString is not set."));
    }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="call"/>, turning "PostgreSQL cannot serve right now" into
    /// <see cref="StoreUnavailableException"/>; any other failure is a bug and stays as it is.
    /// </summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException("The ledger (PostgreSQL) is unavailable: " + e.Message, e);
        }
    }

    public static bool IsUnavailable(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } or SocketException or TimeoutException => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        NpgsqlException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
