namespace PaymentCore.Audit;

/// <summary>
/// A hot audit trail whose oldest entries move to the ledger (PostgreSQL): read the oldest, write
/// them there, then remove them here. Entries are removed oldest first only, so what this trail
/// still holds is always the newest part of the whole trail.
/// </summary>
public interface IDrainableAuditTrail : IAuditTrail
{
    /// <summary>The oldest entries still held, oldest first, at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<StoredAuditEntry>> OldestAsync(int count, CancellationToken cancellationToken);

    /// <summary>Removes entries the ledger holds now; ids already gone are ignored.</summary>
    Task RemoveAsync(IReadOnlyCollection<string> entryIds, CancellationToken cancellationToken);
}
