using System.Collections.Concurrent;
using PaymentCore.Api.V1;

namespace PaymentCore.ReferenceWallet;

/// <summary>
/// The wallet's books: balances per user and the events applied, each event id at most once
/// (PaymentCore delivers at least once). A real wallet would keep this in its database, with the
/// event id under a unique constraint in the same transaction as the balance change.
/// </summary>
public sealed class WalletLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ApplyRechargeEventRequest> _applied = new(StringComparer.Ordinal);
    private readonly List<ApplyRechargeEventRequest> _inOrder = [];
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _refused = new(StringComparer.Ordinal);

    /// <summary>Applies the event unless it was applied before; true when this call applied it.</summary>
    public bool Apply(ApplyRechargeEventRequest movement)
    {
        _deliveries.AddOrUpdate(movement.EventId, 1, (_, n) => n + 1);
        lock (_lock)
        {
            if (!_applied.TryAdd(movement.EventId, movement))
            {
                return false;
            }

            _inOrder.Add(movement);
            var delta = movement.Type == RechargeEventType.Debit ? -movement.Coins : movement.Coins;
            _balances[movement.UserId] = _balances.GetValueOrDefault(movement.UserId) + delta;
            return true;
        }
    }

    public long BalanceOf(string userId)
    {
        lock (_lock)
        {
            return _balances.GetValueOrDefault(userId);
        }
    }

    /// <summary>Applied events, in the order they were applied.</summary>
    public IReadOnlyList<ApplyRechargeEventRequest> Applied
    {
        get
        {
            lock (_lock)
            {
                return _inOrder.ToList();
            }
        }
    }

    /// <summary>How many times each event id was delivered (applied or deduplicated).</summary>
    public IReadOnlyDictionary<string, int> Deliveries => _deliveries;

    /// <summary>Notes an event refused unapplied because it is of the other mode.</summary>
    public void RecordRefused(ApplyRechargeEventRequest movement) => _refused.AddOrUpdate(movement.EventId, 1, (_, n) => n + 1);

    /// <summary>How many times each event id of the other mode was refused.</summary>
    public IReadOnlyDictionary<string, int> Refused => _refused;
}
