using PaymentCore.Recharges.SavedInstruments;

namespace PaymentCore.Stores.InMemory;

/// <summary>The embedded default's saved instruments: per user, in the process, one lock; same semantics as the Redis store.</summary>
public sealed class InMemorySavedInstrumentStore : ISavedInstrumentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, SavedInstrument>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UserId, string Gateway), string> _customers = [];
    private readonly Dictionary<string, DateTimeOffset> _pendingSaves = new(StringComparer.Ordinal);

    public Task<SavedInstrumentAdd> AddAsync(SavedInstrument instrument, int maxPerUser, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var instruments = InstrumentsOf(instrument.UserId);
            return Task.FromResult(
                instruments.ContainsKey(instrument.InstrumentId) ? SavedInstrumentAdd.AlreadySaved
                : instruments.Count >= maxPerUser ? SavedInstrumentAdd.LimitReached
                : instruments.TryAdd(instrument.InstrumentId, instrument) ? SavedInstrumentAdd.Added
                : SavedInstrumentAdd.AlreadySaved);
        }
    }

    public Task<SavedInstrument?> GetAsync(string userId, string instrumentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_byUser.GetValueOrDefault(userId)?.GetValueOrDefault(instrumentId));
        }
    }

    public Task<IReadOnlyList<SavedInstrument>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<SavedInstrument> list = _byUser.GetValueOrDefault(userId)?.Values.OrderByDescending(i => i.CreatedAt).ToList() ?? [];
            return Task.FromResult(list);
        }
    }

    public Task<bool> RemoveAsync(string userId, string instrumentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_byUser.GetValueOrDefault(userId)?.Remove(instrumentId) == true);
        }
    }

    public Task MarkUsedAsync(string userId, string instrumentId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Change(userId, instrumentId, i => i with { LastUsedAt = at });

    public Task MarkUnusableAsync(string userId, string instrumentId, string reason, CancellationToken cancellationToken) =>
        Change(userId, instrumentId, i => i with { UnusableReason = reason });

    public Task AddPendingSaveAsync(string rechargeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _pendingSaves.TryAdd(rechargeId, at);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingSave>> ListPendingSavesAsync(DateTimeOffset recordedBefore, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<PendingSave> due = _pendingSaves
                .Where(p => p.Value < recordedBefore)
                .OrderBy(p => p.Value)
                .Take(max)
                .Select(p => new PendingSave(p.Key, p.Value))
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task PostponePendingSaveAsync(string rechargeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pendingSaves.ContainsKey(rechargeId))
            {
                _pendingSaves[rechargeId] = at;
            }
        }

        return Task.CompletedTask;
    }

    public Task RemovePendingSaveAsync(string rechargeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _pendingSaves.Remove(rechargeId);
        }

        return Task.CompletedTask;
    }

    public Task<string?> CustomerAsync(string userId, string gateway, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_customers.GetValueOrDefault((userId, gateway)));
        }
    }

    public Task RememberCustomerAsync(string userId, string gateway, string customer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _customers[(userId, gateway)] = customer;
        }

        return Task.CompletedTask;
    }

    private Task Change(string userId, string instrumentId, Func<SavedInstrument, SavedInstrument> change)
    {
        lock (_lock)
        {
            if (_byUser.GetValueOrDefault(userId) is { } instruments && instruments.TryGetValue(instrumentId, out var instrument))
            {
                instruments[instrumentId] = change(instrument);
            }
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, SavedInstrument> InstrumentsOf(string userId)
    {
        if (!_byUser.TryGetValue(userId, out var instruments))
        {
            _byUser[userId] = instruments = new Dictionary<string, SavedInstrument>(StringComparer.Ordinal);
        }

        return instruments;
    }
}
