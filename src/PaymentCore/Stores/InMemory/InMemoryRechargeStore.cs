using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Limits;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Stores.InMemory;

/// <summary>
/// The embedded default store: one process, one lock, the same semantics as the Redis store
/// (the conformance suite runs against both). State is lost when the process ends. It keeps a
/// bounded window of settled recharges (<see cref="InMemoryStoreOptions.SettledCapacity"/>, the
/// oldest settled go first; with a ledger only once drained), so memory stays flat under load;
/// unsettled recharges and live idempotency records are never dropped.
/// </summary>
public sealed class InMemoryRechargeStore : IRechargeStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Recharge> _recharges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdempotencyRecord> _keys = new(StringComparer.Ordinal);

    // The records' retentions in the order they were written: with one retention for all, the front
    // expires first, so dropping expired records costs only them, never a sweep of all the records
    // under the lock. An entry whose record was written again since is passed over.
    private readonly Queue<(string Key, DateTimeOffset RetainUntil)> _retention = new();
    private readonly Dictionary<(string Gateway, string Reference), string> _gatewayReferences = [];

    /// <summary>The reconciler's last look at an unchanged recharge (<see cref="LookedAtAsync"/>), by the version it saw.</summary>
    private readonly Dictionary<string, (long Version, DateTimeOffset At)> _lookedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Gateway, string Reference)>> _referencesOf = new(StringComparer.Ordinal);

    // The settled window, oldest settled first; each id once.
    private readonly Queue<string> _settledOrder = new();
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);

    // Recharges unanswered idempotency claims point at (how many): a retry resumes them, so they stay.
    private readonly Dictionary<string, int> _claimed = new(StringComparer.Ordinal);

    // With a ledger: the newest version of each recharge the ledger holds.
    private readonly Dictionary<string, long> _drained = new(StringComparer.Ordinal);

    private readonly TimeProvider _time;
    private readonly InMemoryOutbox _outbox;
    private readonly InMemoryLimitLedger _limits;
    private readonly InMemoryLedgerFeed? _ledger;
    private readonly int _capacity;

    /// <param name="time">The clock idempotency records expire by.</param>
    /// <param name="outbox">Where commits append their events.</param>
    /// <param name="limits">The limit ledger the user's key is reserved on with a claim (<see cref="BeginAsync"/>).</param>
    /// <param name="options">The settled window's capacity.</param>
    /// <param name="ledger">The ledger feed, when a ledger drains the store.</param>
    public InMemoryRechargeStore(
        TimeProvider time, InMemoryOutbox outbox, InMemoryLimitLedger limits, IOptions<InMemoryStoreOptions>? options = null, InMemoryLedgerFeed? ledger = null)
    {
        _time = time;
        _outbox = outbox;
        _limits = limits;
        _capacity = options?.Value.SettledCapacity ?? InMemoryStoreOptions.DefaultSettledCapacity;
        _ledger = ledger;
        if (ledger is not null)
        {
            ledger.Drained += OnDrained;
        }
    }

    /// <summary>How many idempotency records the store holds (what its memory grows with, beside the settled window).</summary>
    internal int IdempotencyRecordCount
    {
        get
        {
            lock (_lock)
            {
                return _keys.Count;
            }
        }
    }

    public Task<IdempotentStart> BeginAsync(IdempotencyClaim claim, Recharge? proposed, LimitToReserve? userLimit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var record = _keys.GetValueOrDefault(claim.ScopeKey) is { } kept && kept.RetainUntil > now ? kept : null;
            switch (IdempotencyRule.Judge(record?.Fingerprint, record?.Response is not null, record?.LeaseExpiresAt ?? default, claim.Fingerprint, now))
            {
                case ClaimVerdict.KeyReused:
                    return Done(new IdempotentStart.KeyReused());
                case ClaimVerdict.Answered:
                    return Done(new IdempotentStart.Replayed(record!.Response!));
                case ClaimVerdict.InProgress:
                    return Done(new IdempotentStart.InProgress());
                case ClaimVerdict.Lapsed:
                    // The earlier request died with the lease: this one resumes its recharge.
                    _keys[claim.ScopeKey] = record! with { LeaseExpiresAt = claim.LeaseExpiresAt };
                    return Done(new IdempotentStart.Started(_recharges[record.RechargeId], Resumed: true));
            }

            if (proposed is null)
            {
                return Done(new IdempotentStart.NothingToStart());
            }

            // Under this store's lock, as begin.lua in the user's shard: no other claim comes between.
            var reserved = userLimit is null ? null : _limits.Reserve(userLimit.Check, userLimit.Horizon);
            if (reserved?.Breach is not null)
            {
                return Done(new IdempotentStart.Refused(reserved));
            }

            if (!TryWrite(proposed, out var stored))
            {
                GiveBack(userLimit);
                return Done(stored is null ? new IdempotentStart.NotHeld() : new IdempotentStart.Stale(stored));
            }

            _keys[claim.ScopeKey] = new IdempotencyRecord(claim.Fingerprint, stored.RechargeId, claim.LeaseExpiresAt, claim.RetainUntil, null);
            _retention.Enqueue((claim.ScopeKey, claim.RetainUntil));
            Claim(stored.RechargeId, +1);
            return Done(new IdempotentStart.Started(stored, Resumed: false, reserved));
        }
    }

    public Task<CommitResult> CommitAsync(RechargeCommit commit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!TryWrite(commit.Recharge, out var stored))
            {
                return Task.FromResult<CommitResult>(stored is null ? new CommitResult.NotHeld() : new CommitResult.Stale(stored));
            }

            if (commit.Event is not null)
            {
                _outbox.Append(commit.Event);
            }

            if (commit.Completes is { } claim && _keys.TryGetValue(claim.ScopeKey, out var record))
            {
                _keys[claim.ScopeKey] = record with { Response = stored, RetainUntil = claim.RetainUntil };
                if (claim.RetainUntil != record.RetainUntil)
                {
                    _retention.Enqueue((claim.ScopeKey, claim.RetainUntil));
                }
                if (record.Response is null)
                {
                    Claim(record.RechargeId, -1);
                }
            }

            EvictBeyondCapacity();
            return Task.FromResult<CommitResult>(new CommitResult.Committed(stored));
        }
    }

    public Task<Recharge?> GetAsync(string rechargeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_recharges.GetValueOrDefault(rechargeId));
        }
    }

    public Task<RechargePage> ListByUserAsync(string userId, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var members))
            {
                return Task.FromResult(new RechargePage([], null));
            }

            var page = members.Reverse()
                .Where(m => cursor is null || string.CompareOrdinal(m, cursor) < 0)
                .Take(pageSize + 1)
                .ToList();
            var hasMore = page.Count > pageSize;
            var recharges = page.Take(pageSize).Select(m => _recharges[UserIndex.RechargeIdOf(m)]).ToList();
            return Task.FromResult(new RechargePage(recharges, hasMore ? page[pageSize - 1] : null));
        }
    }

    public Task<IReadOnlyList<Recharge>> ListUnsettledAsync(DateTimeOffset unchangedSince, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Recharge> unsettled = _recharges.Values
                .Where(r => RechargeStateMachine.IsUnsettled(r.Status))
                .Select(r => (Recharge: r, Untouched: LastTouched(r)))
                .Where(r => r.Untouched <= unchangedSince)
                .OrderBy(r => r.Untouched)
                .Take(max)
                .Select(r => r.Recharge)
                .ToList();
            return Task.FromResult(unsettled);
        }
    }

    public Task LookedAtAsync(Recharge recharge, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_recharges.TryGetValue(recharge.RechargeId, out var stored) && stored.Version == recharge.Version && RechargeStateMachine.IsUnsettled(stored.Status))
            {
                _lookedAt[recharge.RechargeId] = (recharge.Version, at);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>When the recharge last changed, or was last looked at unchanged (a look at an older version does not count).</summary>
    private DateTimeOffset LastTouched(Recharge recharge) =>
        _lookedAt.TryGetValue(recharge.RechargeId, out var look) && look.Version == recharge.Version && look.At > recharge.UpdatedAt ? look.At : recharge.UpdatedAt;

    public Task AbandonAsync(IdempotencyClaim claim, Recharge created, LimitToReserve? reserved, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(claim.ScopeKey, out var record) && record.RechargeId == created.RechargeId)
            {
                _keys.Remove(claim.ScopeKey);
            }

            GiveBack(reserved);
            Forget(created.RechargeId);
            _ledger?.AppendAbandoned(created.RechargeId);
            return Task.CompletedTask;
        }
    }

    public Task IndexGatewayReferenceAsync(string gateway, string gatewayReference, string rechargeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _gatewayReferences[(gateway, gatewayReference)] = rechargeId;
            if (!_referencesOf.TryGetValue(rechargeId, out var references))
            {
                _referencesOf[rechargeId] = references = [];
            }

            references.Add((gateway, gatewayReference));
            return Task.CompletedTask;
        }
    }

    public Task<string?> FindByGatewayReferenceAsync(string gateway, string gatewayReference, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_gatewayReferences.GetValueOrDefault((gateway, gatewayReference)));
        }
    }

    public Task<bool> RestoreAsync(Recharge recharge, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_recharges.ContainsKey(recharge.RechargeId))
            {
                return Task.FromResult(false);
            }

            Hold(recharge, isNew: true);
            _drained[recharge.RechargeId] = recharge.Version;
            return Task.FromResult(true);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the next version if the stored one is <c>proposed.Version</c>; otherwise gives the stored one (null: none).</summary>
    private bool TryWrite(Recharge proposed, [NotNullWhen(true)] out Recharge? stored)
    {
        var exists = _recharges.TryGetValue(proposed.RechargeId, out var current);
        if ((exists ? current!.Version : 0) != proposed.Version)
        {
            stored = current;
            return false;
        }

        stored = proposed with { Version = proposed.Version + 1 };
        Hold(stored, isNew: !exists);
        _ledger?.Append(stored);
        PruneExpiredKeys();

        return true;
    }

    /// <summary>Gives back a reservation made with a claim: the attempt did not go ahead.</summary>
    private void GiveBack(LimitToReserve? reserved)
    {
        if (reserved is not null)
        {
            _limits.Release(reserved.Check.Key, reserved.Check.EntryId, LimitRelease.NotAttempted);
        }
    }

    private void Hold(Recharge recharge, bool isNew)
    {
        _recharges[recharge.RechargeId] = recharge;
        if (isNew)
        {
            if (!_byUser.TryGetValue(recharge.UserId, out var members))
            {
                _byUser[recharge.UserId] = members = new SortedSet<string>(StringComparer.Ordinal);
            }

            members.Add(UserIndex.MemberOf(recharge));
        }

        if (!RechargeStateMachine.IsUnsettled(recharge.Status) && _settled.Add(recharge.RechargeId))
        {
            _settledOrder.Enqueue(recharge.RechargeId);
        }
    }

    /// <summary>
    /// Lets the oldest settled recharges go while the window is over capacity. The oldest one blocks
    /// the rest while it cannot go (an unanswered claim points at it, or the ledger lacks its newest
    /// version): the window then grows for that while instead of losing anything.
    /// </summary>
    private void EvictBeyondCapacity()
    {
        while (_settled.Count > _capacity && _settledOrder.TryPeek(out var oldest))
        {
            if (_recharges.TryGetValue(oldest, out var recharge) && !RechargeStateMachine.IsUnsettled(recharge.Status))
            {
                if (_claimed.ContainsKey(oldest) || (_ledger is not null && _drained.GetValueOrDefault(oldest) < recharge.Version))
                {
                    return;
                }

                Forget(oldest);
            }

            _settledOrder.Dequeue();
            _settled.Remove(oldest);
        }
    }

    private void Forget(string rechargeId)
    {
        _lookedAt.Remove(rechargeId);
        _claimed.Remove(rechargeId);
        _drained.Remove(rechargeId);
        if (_recharges.Remove(rechargeId, out var recharge) && _byUser.TryGetValue(recharge.UserId, out var members))
        {
            members.Remove(UserIndex.MemberOf(recharge));
            if (members.Count == 0)
            {
                _byUser.Remove(recharge.UserId);
            }
        }

        if (_referencesOf.Remove(rechargeId, out var references))
        {
            references.ForEach(r => _gatewayReferences.Remove(r));
        }
    }

    /// <summary>Records past their retention count as absent already; dropping them bounds memory by the retention.</summary>
    private void PruneExpiredKeys()
    {
        var now = _time.GetUtcNow();
        while (_retention.TryPeek(out var next) && next.RetainUntil <= now)
        {
            _retention.Dequeue();
            if (_keys.TryGetValue(next.Key, out var record) && record.RetainUntil == next.RetainUntil)
            {
                _keys.Remove(next.Key);
                if (record.Response is null)
                {
                    Claim(record.RechargeId, -1);
                }
            }
        }
    }

    private void Claim(string rechargeId, int change)
    {
        var count = _claimed.GetValueOrDefault(rechargeId) + change;
        if (count > 0)
        {
            _claimed[rechargeId] = count;
        }
        else
        {
            _claimed.Remove(rechargeId);
        }
    }

    private void OnDrained(IReadOnlyList<Recharge> versions)
    {
        lock (_lock)
        {
            foreach (var version in versions.Where(v => _recharges.ContainsKey(v.RechargeId)))
            {
                _drained[version.RechargeId] = Math.Max(_drained.GetValueOrDefault(version.RechargeId), version.Version);
            }

            EvictBeyondCapacity();
        }
    }

    private static Task<IdempotentStart> Done(IdempotentStart start) => Task.FromResult(start);

    private sealed record IdempotencyRecord(
        string Fingerprint,
        string RechargeId,
        DateTimeOffset LeaseExpiresAt,
        DateTimeOffset RetainUntil,
        Recharge? Response);
}
