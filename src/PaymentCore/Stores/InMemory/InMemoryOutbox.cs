using System.Globalization;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Stores.InMemory;

/// <summary>
/// The outbox of the embedded default: entries per shard in commit order, each wallet's
/// acknowledgements and dead letters. One process is the only consumer, so nothing is ever abandoned.
/// </summary>
public sealed class InMemoryOutbox(ShardDoorbells doorbells) : IOutbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, List<OutboxEntry>> _shards = [];
    private readonly Dictionary<string, HashSet<string>> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OutboxEntry>> _deadLetters = new(StringComparer.Ordinal);

    /// <summary>Per wallet and shard, how many leading entries it has acknowledged (reset by a trim).</summary>
    private readonly Dictionary<(string Wallet, int Shard), int> _readFrom = [];
    private long _sequence;

    /// <summary>Appends an event; called by the in-memory store inside its commit.</summary>
    public void Append(OutboxEvent confirmation)
    {
        OutboxEntry entry;
        lock (_lock)
        {
            entry = new OutboxEntry((++_sequence).ToString("D20", CultureInfo.InvariantCulture), confirmation);
            if (!_shards.TryGetValue(entry.Shard, out var entries))
            {
                _shards[entry.Shard] = entries = [];
            }

            entries.Add(entry);
        }

        doorbells.Ring(ShardStream.Outbox, entry.Shard);
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(string wallet, string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var acknowledged = AcknowledgedBy(wallet);
            var entries = new List<OutboxEntry>();
            foreach (var shard in shards.Shards)
            {
                if (!_shards.TryGetValue(shard, out var appended))
                {
                    continue;
                }

                // Skip what the wallet acknowledged since the last trim once, not on every pass.
                var from = _readFrom.GetValueOrDefault((wallet, shard));
                while (from < appended.Count && acknowledged.Contains(appended[from].EntryId))
                {
                    from++;
                }

                _readFrom[(wallet, shard)] = from;
                entries.AddRange(appended.Skip(from).Where(e => !acknowledged.Contains(e.EntryId)).Take(maxPerShard));
            }

            return Task.FromResult<IReadOnlyList<OutboxEntry>>(entries);
        }
    }

    public Task<int> ClaimAbandonedAsync(string wallet, string consumer, TimeSpan minIdle, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    public Task AcknowledgeAsync(string wallet, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AcknowledgedBy(wallet).UnionWith(entries.Select(e => e.EntryId));
            return Task.CompletedTask;
        }
    }

    public Task DeadLetterAsync(string wallet, OutboxEntry entry, string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_deadLetters.TryGetValue(wallet, out var letters))
            {
                _deadLetters[wallet] = letters = [];
            }

            letters.Add(entry);
            AcknowledgedBy(wallet).Add(entry.EntryId);
            return Task.CompletedTask;
        }
    }

    public Task<int> ReplayDeadLettersAsync(string wallet, CancellationToken cancellationToken)
    {
        List<OutboxEntry> letters;
        lock (_lock)
        {
            letters = _deadLetters.Remove(wallet, out var found) ? found : [];
        }

        letters.ForEach(letter => Append(letter.Event));
        return Task.FromResult(letters.Count);
    }

    public Task<long> BacklogAsync(string wallet, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var acknowledged = AcknowledgedBy(wallet);
            return Task.FromResult((long)_shards.Values.Sum(entries => entries.Count(e => !acknowledged.Contains(e.EntryId))));
        }
    }

    public Task<long> DeadLetterCountAsync(string wallet, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult((long)(_deadLetters.TryGetValue(wallet, out var letters) ? letters.Count : 0));
        }
    }

    public Task TrimAsync(IReadOnlyCollection<string> wallets, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var all = wallets.Select(AcknowledgedBy).ToList();
            foreach (var entries in _shards.Values)
            {
                // A set of ids: List.Contains here compared whole records, quadratically, under the lock every commit needs.
                var done = entries.Where(e => all.Count > 0 && all.All(a => a.Contains(e.EntryId))).Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal);
                entries.RemoveAll(e => done.Contains(e.EntryId));
                foreach (var acknowledged in _acknowledged.Values)
                {
                    acknowledged.ExceptWith(done);
                }
            }

            _readFrom.Clear();

            return Task.CompletedTask;
        }
    }

    private HashSet<string> AcknowledgedBy(string wallet)
    {
        if (!_acknowledged.TryGetValue(wallet, out var acknowledged))
        {
            _acknowledged[wallet] = acknowledged = new HashSet<string>(StringComparer.Ordinal);
        }

        return acknowledged;
    }
}
