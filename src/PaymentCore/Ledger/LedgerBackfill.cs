using Npgsql;
using PaymentCore.State;
using PaymentCore.Stores.Redis;
using StackExchange.Redis;

namespace PaymentCore.Ledger;

/// <summary>
/// <c>PaymentCore ledger backfill</c>: copies every recharge a running installation's Redis holds
/// into the ledger, for installations that ran before the ledger existed. Each Redis primary is
/// walked with SCAN; its cursor is saved in ledger_backfill after every page, so an interrupted run
/// resumes where it stopped, and a finished node is walked again from the start by the next run.
/// The writes are the drainer's upsert: running it twice, or beside live drainers, changes nothing.
/// </summary>
public sealed partial class LedgerBackfill(RedisConnection redis, LedgerDatabase database, LedgerWriter writer, ILogger<LedgerBackfill> logger)
{
    private const int PageSize = 500;

    /// <summary>Copies what Redis holds; returns how many recharges were written.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var primaries = await ConnectedPrimariesAsync(cancellationToken);
        var copied = 0L;
        foreach (var server in primaries)
        {
            copied += await BackfillNodeAsync(server, cancellationToken);
        }

        return copied;
    }

    private async Task<long> BackfillNodeAsync(IServer server, CancellationToken cancellationToken)
    {
        var node = server.EndPoint.ToString()!;
        var cursor = await SavedCursorAsync(node, cancellationToken);
        var copied = 0L;
        do
        {
            var page = (RedisResult[])(await server.ExecuteAsync("SCAN", cursor, "MATCH", redis.Keys.AllRecharges, "COUNT", PageSize))!;
            cursor = long.Parse((string)page[0]!, System.Globalization.CultureInfo.InvariantCulture);
            var keys = ((RedisResult[])page[1]!).Select(k => (RedisKey)(string)k!).ToList();
            var batch = redis.Database.CreateBatch();
            var reads = keys.Select(k => batch.HashGetAsync(k, "j")).ToList();
            batch.Execute();
            var entries = (await Task.WhenAll(reads))
                .Where(j => j.HasValue)
                .Select(j => LedgerEntry.Of("backfill", RedisJson.Read(j, RechargeJson.Default.Recharge)))
                .ToList();
            await writer.WriteAsync(entries, cancellationToken);
            await SaveCursorAsync(node, cursor, cancellationToken);
            copied += entries.Count;
        }
        while (cursor != 0);

        LogNodeDone(node, copied);
        return copied;
    }

    private async Task<IReadOnlyList<IServer>> ConnectedPrimariesAsync(CancellationToken cancellationToken)
    {
        // The multiplexer connects in the background (PaymentCore starts while Redis is down): wait for it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        await redis.Database.PingAsync();
        while (redis.Primaries.Count == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new StoreUnavailableException("No Redis primary is connected.");
            }

            await Task.Delay(100, cancellationToken);
        }

        return redis.Primaries;
    }

    private async Task<long> SavedCursorAsync(string node, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select scan_cursor from ledger_backfill where node = @node and not finished", connection);
        command.Parameters.AddWithValue("node", node);
        return await command.ExecuteScalarAsync(cancellationToken) is long cursor ? cursor : 0;
    }

    private async Task SaveCursorAsync(string node, long cursor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            insert into ledger_backfill (node, scan_cursor, finished) values (@node, @cursor, @finished)
            on conflict (node) do update set scan_cursor = excluded.scan_cursor, finished = excluded.finished, updated_at = now()
            """, connection);
        command.Parameters.AddWithValue("node", node);
        command.Parameters.AddWithValue("cursor", cursor);
        command.Parameters.AddWithValue("finished", cursor == 0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger backfill of Redis node {Node} done: {Copied} recharges written")]
    private partial void LogNodeDone(string node, long copied);
}
