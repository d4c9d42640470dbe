using System.Globalization;
using PaymentCore.Confirmations;

namespace PaymentCore.State;

/// <summary>
/// The outbox of the embedded default: entries per shard in commit order, each wallet's
/// acknowledgements and dead letters. One process is the only consumer, so nothing is ever abandoned.
/// </summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, List<OutboxEntry>> _shards = [];
    private readonly Dictionary<string, HashSet<string>> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OutboxEntry>> _deadLetters = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Appends an event; called by the in-memory store inside its commit.</summary>
    public void Append(OutboxEvent confirmation)
    {
        lock (_lock)
        {
            var entry = new OutboxEntry((++_sequence).ToString("D20", CultureInfo.InvariantCulture), confirmation);
            if (!_shards.TryGetValue(entry.Shard, out var entries))
            {
                _shards[entry.Shard] = entries = [];
            }

            entries.Add(entry);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(string wallet, string consumer, IReadOnlyCollection<int> shards, int maxPerShard, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var acknowledged = AcknowledgedBy(wallet);
            IReadOnlyList<OutboxEntry> entries = shards
                .Where(_shards.ContainsKey)
                .SelectMany(s => _shards[s].Where(e => !acknowledged.Contains(e.EntryId)).Take(maxPerShard))
                .ToList();
            return Task.FromResult(entries);
        }
    }

    public Task<int> ClaimAbandonedAsync(string wallet, string consumer, TimeSpan minIdle, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    public Task AcknowledgeAsync(string wallet, OutboxEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AcknowledgedBy(wallet).Add(entry.EntryId);
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
                var done = entries.Where(e => all.Count > 0 && all.All(a => a.Contains(e.EntryId))).ToList();
                entries.RemoveAll(done.Contains);
                foreach (var acknowledged in _acknowledged.Values)
                {
                    acknowledged.ExceptWith(done.Select(e => e.EntryId));
                }
            }

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
