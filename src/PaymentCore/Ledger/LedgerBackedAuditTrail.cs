using PaymentCore.Audit;

namespace PaymentCore.Ledger;

/// <summary>
/// The audit trail with a ledger: appended to the hot trail (Redis) as before; its oldest entries
/// move to PostgreSQL (<see cref="AuditDrain"/>). The hot trail always holds the newest part of the
/// trail, so a page is the hot entries before the cursor merged with the ledger's, newest first;
/// an entry in both for a moment (written to the ledger, not yet removed) is listed once.
/// </summary>
public sealed class LedgerBackedAuditTrail(IDrainableAuditTrail hot, LedgerAuditArchive archive) : IAuditTrail
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => hot.AppendAsync(entry, cancellationToken);

    public async Task<AuditPage> ReadAsync(int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        var recent = await hot.ReadAsync(pageSize, cursor, cancellationToken);
        // One more than asked tells whether another page follows.
        var archived = await archive.ReadAsync(pageSize + 1, cursor is null ? null : AuditEntryId.Parse(cursor), cancellationToken);
        var merged = recent.Entries.Concat(archived)
            .DistinctBy(e => e.EntryId, StringComparer.Ordinal)
            .OrderByDescending(e => AuditEntryId.Parse(e.EntryId))
            .Take(pageSize + 1)
            .ToList();
        var page = merged.Take(pageSize).ToList();
        var more = merged.Count > pageSize || recent.NextCursor is not null;
        return new AuditPage(page, more && page.Count > 0 ? page[^1].EntryId : null);
    }

    public bool IsCursor(string cursor) => hot.IsCursor(cursor);
}
