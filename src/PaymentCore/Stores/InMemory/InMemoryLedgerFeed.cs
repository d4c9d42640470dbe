using System.Globalization;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Stores.InMemory;

/// <summary>The in-memory store's ledger feed: one process, so one consumer and nothing to take over.</summary>
public sealed class InMemoryLedgerFeed(TimeProvider time, ShardDoorbells doorbells) : ILedgerFeed
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(DateTimeOffset At, LedgerEntry Entry)> _entries = [];
    private long _sequence;

    /// <summary>Versions the ledger now holds, so the store may let their recharges go.</summary>
    public event Action<IReadOnlyList<Recharge>>? Drained;

    public void Append(Recharge version) => Add(id => LedgerEntry.Of(id, version));

    public void AppendAbandoned(string rechargeId) => Add(id => LedgerEntry.Abandoned(id, rechargeId));

    public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<LedgerEntry> entries = _entries.Select(e => e.Entry)
                .Where(e => shards.Shards.Contains(e.Shard))
                .GroupBy(e => e.Shard)
                .SelectMany(s => s.Take(maxPerShard))
                .ToList();
            return Task.FromResult(entries);
        }
    }

    public Task<int> ClaimAbandonedAsync(string consumer, TimeSpan minIdle, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task AcknowledgeAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                if (ids.Contains(node.Value.Entry.EntryId))
                {
                    _entries.Remove(node);
                }

                node = next;
            }
        }

        Drained?.Invoke(entries.Where(e => e.Version is not null).Select(e => e.Version!).ToList());
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> OldestUndrainedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.First is { } first ? first.Value.At : (DateTimeOffset?)null);
        }
    }

    public Task SweepExpiredAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Add(Func<string, LedgerEntry> entry)
    {
        LedgerEntry added;
        lock (_lock)
        {
            added = entry((++_sequence).ToString(CultureInfo.InvariantCulture));
            _entries.AddLast((time.GetUtcNow(), added));
        }

        doorbells.Ring(ShardStream.Ledger, added.Shard);
    }
}
