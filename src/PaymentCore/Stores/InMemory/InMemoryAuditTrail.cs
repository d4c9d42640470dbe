using System.Globalization;
using PaymentCore.Audit;

namespace PaymentCore.Stores.InMemory;

/// <summary>The embedded default's audit trail: kept in the process, lost when it ends. Ids are positions, like a stream's.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly Lock _lock = new();
    private readonly List<AuditEntry> _entries = [];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<AuditPage> ReadAsync(int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var end = cursor is null ? _entries.Count : Math.Min(int.Parse(cursor, CultureInfo.InvariantCulture), _entries.Count);
            var start = Math.Max(0, end - pageSize);
            var page = Enumerable.Range(start, end - start).Reverse()
                .Select(i => new StoredAuditEntry(i.ToString(CultureInfo.InvariantCulture), _entries[i]))
                .ToList();
            return Task.FromResult(new AuditPage(page, start > 0 ? start.ToString(CultureInfo.InvariantCulture) : null));
        }
    }

    public bool IsCursor(string cursor) => int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
