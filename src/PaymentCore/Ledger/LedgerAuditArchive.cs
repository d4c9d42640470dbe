using Npgsql;
using PaymentCore.Audit;

namespace PaymentCore.Ledger;

/// <summary>
/// The audit trail's entries that have left Redis, in <c>audit_entries</c>: written in one
/// statement per batch (an entry written twice is written once), read newest first by entry id.
/// </summary>
public sealed class LedgerAuditArchive(LedgerDatabase database, LedgerMonths months)
{
    private const string Insert = """
        insert into audit_entries (entry_ms, entry_seq, occurred_at, caller, action, recharge_id, key_sha256, outcome, livemode, reason)
        select * from unnest(@ms, @seq, @at, @callers, @actions, @recharges, @keys, @outcomes, @livemodes, @reasons)
        on conflict do nothing
        """;

    private const string Columns = "entry_ms, entry_seq, occurred_at, caller, action, recharge_id, key_sha256, outcome, livemode, reason";

    public async Task WriteAsync(IReadOnlyList<StoredAuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await WriteBatchAsync(connection, entries, cancellationToken);
        }
        catch (PostgresException e) when (LedgerMonths.IsMissingPartition(e))
        {
            months.Forget();
            await WriteBatchAsync(connection, entries, cancellationToken);
        }
    }

    /// <summary>Up to <paramref name="max"/> entries before <paramref name="before"/> (exclusive; null = the newest), newest first.</summary>
    public Task<IReadOnlyList<StoredAuditEntry>> ReadAsync(int max, AuditEntryId? before, CancellationToken cancellationToken) =>
        LedgerDatabase.GuardAsync<IReadOnlyList<StoredAuditEntry>>(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                before is null
                    ? $"select {Columns} from audit_entries order by entry_ms desc, entry_seq desc limit @max"
                    : $"select {Columns} from audit_entries where (entry_ms, entry_seq) < (@ms, @seq) order by entry_ms desc, entry_seq desc limit @max",
                connection);
            command.Parameters.AddWithValue("max", max);
            command.Parameters.AddWithValue("ms", before?.Milliseconds ?? 0);
            command.Parameters.AddWithValue("seq", before?.Sequence ?? 0);
            var entries = new List<StoredAuditEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = new AuditEntryId(reader.GetInt64(0), reader.GetInt64(1));
                entries.Add(new StoredAuditEntry(id.ToString(), new AuditEntry(
                    new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetString(7),
                    reader.GetBoolean(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9))));
            }

            return entries;
        });

    private async Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<StoredAuditEntry> entries, CancellationToken cancellationToken)
    {
        await months.EnsureAsync(connection, entries.Select(e => LedgerTime.MonthOf(e.Entry.OccurredAt)), cancellationToken);
        var ids = entries.Select(e => AuditEntryId.Parse(e.EntryId)).ToList();
        await using var command = new NpgsqlCommand(Insert, connection);
        command.Parameters.AddWithValue("ms", ids.Select(id => id.Milliseconds).ToArray());
        command.Parameters.AddWithValue("seq", ids.Select(id => id.Sequence).ToArray());
        command.Parameters.AddWithValue("at", entries.Select(e => LedgerTime.Of(e.Entry.OccurredAt)).ToArray());
        command.Parameters.AddWithValue("callers", entries.Select(e => e.Entry.Caller).ToArray());
        command.Parameters.AddWithValue("actions", entries.Select(e => e.Entry.Action).ToArray());
        command.Parameters.AddWithValue("recharges", entries.Select(e => e.Entry.RechargeId).ToArray());
        command.Parameters.AddWithValue("keys", entries.Select(e => e.Entry.IdempotencyKeyDigest).ToArray());
        command.Parameters.AddWithValue("outcomes", entries.Select(e => e.Entry.Outcome).ToArray());
        command.Parameters.AddWithValue("livemodes", entries.Select(e => e.Entry.Livemode).ToArray());
        command.Parameters.AddWithValue("reasons", entries.Select(e => e.Entry.Reason).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
