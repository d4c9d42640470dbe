using System.Globalization;
using PaymentCore.Stores.Redis;

namespace PaymentCore.Audit;

/// <summary>An audit entry's id as the Redis Stream gave it, "ms-seq": its place in the trail.</summary>
public readonly record struct AuditEntryId(long Milliseconds, long Sequence) : IComparable<AuditEntryId>
{
    /// <summary>Parses an id <see cref="RedisAuditTrail.IsCursor"/> accepted.</summary>
    public static AuditEntryId Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return new AuditEntryId(
            long.Parse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public int CompareTo(AuditEntryId other) => (Milliseconds, Sequence).CompareTo((other.Milliseconds, other.Sequence));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
