namespace PaymentCore.Audit;

/// <summary>
/// The append-only audit trail: a Redis Stream in production, a list in memory for the embedded
/// default. Nothing is ever changed or removed through this interface.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends one entry. Throws <see cref="State.StoreUnavailableException"/> when the store cannot be reached.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries older than <paramref name="cursor"/> (exclusive; null = the newest), newest first.</summary>
    Task<AuditPage> ReadAsync(int pageSize, string? cursor, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="cursor"/> is an entry id this trail could have handed out.</summary>
    bool IsCursor(string cursor);
}
