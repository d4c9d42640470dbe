using System.Globalization;
using PaymentCore.Confirmations;
using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>
/// The embedded default store: one process, one lock, the same semantics as the Redis store
/// (the conformance suite runs against both). State is lost when the process ends.
/// </summary>
public sealed class InMemoryRechargeStore(TimeProvider time, InMemoryOutbox outbox) : IRechargeStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Recharge> _recharges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdempotencyRecord> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Gateway, string Reference), string> _gatewayReferences = [];

    public Task<IdempotentStart> BeginAsync(IdempotencyClaim claim, Recharge? proposed, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_keys.TryGetValue(claim.ScopeKey, out var record) && record.RetainUntil > now)
            {
                if (record.Fingerprint != claim.Fingerprint)
                {
                    return Done(new IdempotentStart.KeyReused());
                }

                if (record.Response is not null)
                {
                    return Done(new IdempotentStart.Replayed(record.Response));
                }

                if (record.LeaseExpiresAt > now)
                {
                    return Done(new IdempotentStart.InProgress());
                }

                _keys[claim.ScopeKey] = record with { LeaseExpiresAt = claim.LeaseExpiresAt };
                return Done(new IdempotentStart.Started(_recharges[record.RechargeId], Resumed: true));
            }

            if (proposed is null)
            {
                return Done(new IdempotentStart.NothingToStart());
            }

            if (!TryWrite(proposed, out var stored))
            {
                return Done(new IdempotentStart.Stale(stored));
            }

            _keys[claim.ScopeKey] = new IdempotencyRecord(claim.Fingerprint, stored.RechargeId, claim.LeaseExpiresAt, claim.RetainUntil, null);
            return Done(new IdempotentStart.Started(stored, Resumed: false));
        }
    }

    public Task<CommitResult> CommitAsync(RechargeCommit commit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!TryWrite(commit.Recharge, out var stored))
            {
                return Task.FromResult<CommitResult>(new CommitResult.Stale(stored));
            }

            if (commit.Event is not null)
            {
                outbox.Append(commit.Event);
            }

            if (commit.Completes is { } claim && _keys.TryGetValue(claim.ScopeKey, out var record))
            {
                _keys[claim.ScopeKey] = record with { Response = stored, RetainUntil = claim.RetainUntil };
            }

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
                .Where(r => RechargeStateMachine.IsUnsettled(r.Status) && r.UpdatedAt <= unchangedSince)
                .OrderBy(r => r.UpdatedAt)
                .Take(max)
                .ToList();
            return Task.FromResult(unsettled);
        }
    }

    public Task AbandonAsync(IdempotencyClaim claim, Recharge created, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(claim.ScopeKey, out var record) && record.RechargeId == created.RechargeId)
            {
                _keys.Remove(claim.ScopeKey);
            }

            _recharges.Remove(created.RechargeId);
            if (_byUser.TryGetValue(created.UserId, out var members))
            {
                members.Remove(UserIndex.MemberOf(created));
            }

            return Task.CompletedTask;
        }
    }

    public Task IndexGatewayReferenceAsync(string gateway, string gatewayReference, string rechargeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _gatewayReferences[(gateway, gatewayReference)] = rechargeId;
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

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool TryWrite(Recharge proposed, out Recharge stored)
    {
        var exists = _recharges.TryGetValue(proposed.RechargeId, out var current);
        if ((exists ? current!.Version : 0) != proposed.Version)
        {
            stored = current!;
            return false;
        }

        stored = proposed with { Version = proposed.Version + 1 };
        _recharges[stored.RechargeId] = stored;
        if (!exists)
        {
            if (!_byUser.TryGetValue(stored.UserId, out var members))
            {
                _byUser[stored.UserId] = members = new SortedSet<string>(StringComparer.Ordinal);
            }

            members.Add(UserIndex.MemberOf(stored));
        }

        return true;
    }

    private static Task<IdempotentStart> Done(IdempotentStart start) => Task.FromResult(start);

    private sealed record IdempotencyRecord(
        string Fingerprint,
        string RechargeId,
        DateTimeOffset LeaseExpiresAt,
        DateTimeOffset RetainUntil,
        Recharge? Response);
}

/// <summary>
/// Members of a user's recharge index: creation time (fixed-width 100 ns ticks) then id, so
/// ordinal order is creation order and a member doubles as a page cursor.
/// </summary>
public static class UserIndex
{
    private const int TimeDigits = 19;

    public static string MemberOf(Recharge recharge) =>
        string.Create(CultureInfo.InvariantCulture, $"{recharge.CreatedAt.UtcTicks:D19}:{recharge.RechargeId}");

    public static string RechargeIdOf(string member) => member[(TimeDigits + 1)..];

    public static bool IsMember(string text) =>
        text.Length > TimeDigits + 1 && text[TimeDigits] == ':' && !text.AsSpan(0, TimeDigits).ContainsAnyExceptInRange('0', '9')
        && RechargeId.TryParseShard(text[(TimeDigits + 1)..], out _);
}
