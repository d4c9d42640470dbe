using PaymentCore.Audit;

namespace PaymentCore.Ledger;

/// <summary>
/// Moves the oldest audit entries from the hot trail (Redis) to the ledger: read, write (an entry
/// written twice is kept once), then remove from Redis. Removed only once PostgreSQL has them, so a
/// crash in between only writes them again; oldest first, so Redis keeps the newest part of the
/// trail, which <see cref="LedgerBackedAuditTrail"/> relies on. Run by <see cref="LedgerDrainer"/>.
/// </summary>
public sealed class AuditDrain(IDrainableAuditTrail hot, LedgerAuditArchive archive)
{
    /// <summary>One batch: how many entries moved (0 when the hot trail had none).</summary>
    public async Task<int> DrainOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        var entries = await hot.OldestAsync(batchSize, cancellationToken);
        if (entries.Count == 0)
        {
            return 0;
        }

        await archive.WriteAsync(entries, cancellationToken);
        await hot.RemoveAsync(entries.Select(e => e.EntryId).ToList(), cancellationToken);
        return entries.Count;
    }
}
