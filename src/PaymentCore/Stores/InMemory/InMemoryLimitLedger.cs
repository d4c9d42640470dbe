using PaymentCore.Limits;

namespace PaymentCore.Stores.InMemory;

/// <summary>
/// The embedded default limit ledger: one process, one lock; same semantics as the Redis ledger.
/// <see cref="InMemoryRechargeStore"/> reserves the user's key with a claim through <see cref="Reserve"/>
/// and <see cref="Release"/>, under its own lock, as begin.lua and abandon.lua do in the user's shard.
/// </summary>
public sealed class InMemoryLimitLedger(TimeProvider time) : ILimitLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Counted> _counted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpendingBudget> _budgets = new(StringComparer.Ordinal);

    // When each key stops counting, in the order of the reservations that set it: as in Redis, a key
    // no longer written to goes a horizon after its last entry. With one horizon for all, the front
    // goes first, so letting keys go costs only them; an entry of a key written again since is passed over.
    private readonly Queue<(string Key, long ExpiresAt)> _expiries = new();

    public Task<LimitDecision> ReserveAsync(LimitCheck check, TimeSpan horizon, CancellationToken cancellationToken) =>
        Task.FromResult(Reserve(check, horizon));

    public Task ReleaseAsync(string key, string entryId, long amountReference, LimitRelease release, CancellationToken cancellationToken)
    {
        Release(key, entryId, release);
        return Task.CompletedTask;
    }

    /// <summary>How many limit keys the ledger holds (what its memory grows with).</summary>
    internal int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _counted.Count;
            }
        }
    }

    internal LimitDecision Reserve(LimitCheck check, TimeSpan horizon)
    {
        lock (_lock)
        {
            var now = check.At.ToUnixTimeMilliseconds();
            ForgetExpired(now);
            var counted = CountedFor(check.Key);
            counted.DropOlderThan(now - (long)horizon.TotalMilliseconds);
            var counts = check.Windows
                .Select(w => LimitWindow.CountOf(w, counted.Attempts, counted.Amounts, counted.Declines, counted.Instruments, now))
                .ToList();
            var breach = LimitWindow.FirstBreach(RulesOf(check), counted.Attempts, counted.Amounts, check.AmountReference, now);
            if (breach is null)
            {
                var entry = new LimitEntry(now, check.EntryId, check.AmountReference);
                counted.Attempts.Add(entry);
                counted.Amounts.Add(entry);
                if (check.Instrument is { } instrument)
                {
                    counted.Instruments.Add(new InstrumentUse(now, check.EntryId, instrument));
                }

                counted.ExpiresAt = now + (long)horizon.TotalMilliseconds;
                _expiries.Enqueue((check.Key, counted.ExpiresAt));
            }
            else if (counted.IsEmpty)
            {
                _counted.Remove(check.Key); // refused at its first attempt: nothing to keep
            }

            return new LimitDecision(breach, counts);
        }
    }

    internal void Release(string key, string entryId, LimitRelease release)
    {
        lock (_lock)
        {
            if (_counted.TryGetValue(key, out var counted))
            {
                counted.Amounts.RemoveAll(e => e.EntryId == entryId);
                if (release == LimitRelease.NotAttempted)
                {
                    counted.Instruments.RemoveAll(i => i.EntryId == entryId);
                    counted.Attempts.RemoveAll(e => e.EntryId == entryId);
                }
                else if (release == LimitRelease.Declined && !counted.Declines.Exists(e => e.EntryId == entryId))
                {
                    // At the attempt's time; an attempt already dropped past the horizon has nothing to record.
                    counted.Declines.AddRange(counted.Attempts.Where(e => e.EntryId == entryId));
                }
            }
        }
    }

    public Task<IReadOnlyList<LimitUsage>> UsageAsync(LimitCheck check, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = check.At.ToUnixTimeMilliseconds();
            var counted = _counted.GetValueOrDefault(check.Key) ?? new Counted();
            IReadOnlyList<LimitUsage> usage = RulesOf(check)
                .Select(r => new LimitUsage(r, LimitWindow.Used(r, counted.Attempts, counted.Amounts, now)))
                .ToList();
            return Task.FromResult(usage);
        }
    }

    public Task<SpendingBudget> GetBudgetAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_budgets.GetValueOrDefault(userId, SpendingBudget.None).At(time.GetUtcNow()));
        }
    }

    public Task<SpendingBudget> UpdateBudgetAsync(string userId, Func<SpendingBudget, SpendingBudget> change, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var updated = change(_budgets.GetValueOrDefault(userId, SpendingBudget.None));
            _budgets[userId] = updated;
            return Task.FromResult(updated);
        }
    }

    private IEnumerable<LimitRule> RulesOf(LimitCheck check)
    {
        var budget = LimitKeys.TryGetUser(check.Key, out var userId)
            ? LimitWindow.BudgetRule(_budgets.GetValueOrDefault(userId, SpendingBudget.None), check.At)
            : null;
        return budget is null ? check.Rules : check.Rules.Append(budget);
    }

    private void ForgetExpired(long now)
    {
        while (_expiries.TryPeek(out var next) && next.ExpiresAt <= now)
        {
            _expiries.Dequeue();
            if (_counted.TryGetValue(next.Key, out var counted) && counted.ExpiresAt == next.ExpiresAt)
            {
                _counted.Remove(next.Key);
            }
        }
    }

    private Counted CountedFor(string key)
    {
        if (!_counted.TryGetValue(key, out var counted))
        {
            _counted[key] = counted = new Counted();
        }

        return counted;
    }

    private sealed class Counted
    {
        public List<LimitEntry> Attempts { get; } = [];
        public List<LimitEntry> Amounts { get; } = [];

        /// <summary>Declined attempts, at the attempt's time.</summary>
        public List<LimitEntry> Declines { get; } = [];
        public List<InstrumentUse> Instruments { get; } = [];

        /// <summary>When the last reservation stops counting (unix ms): the key goes then unless written again.</summary>
        public long ExpiresAt { get; set; }

        public bool IsEmpty => Attempts.Count == 0 && Amounts.Count == 0 && Declines.Count == 0 && Instruments.Count == 0;

        public void DropOlderThan(long cutoff)
        {
            Attempts.RemoveAll(e => e.AtMilliseconds <= cutoff);
            Amounts.RemoveAll(e => e.AtMilliseconds <= cutoff);
            Declines.RemoveAll(e => e.AtMilliseconds <= cutoff);
            Instruments.RemoveAll(i => i.AtMilliseconds <= cutoff);
        }
    }
}
