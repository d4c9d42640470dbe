using System.Collections.Concurrent;

namespace PaymentCore.State;

/// <summary>The streams kept per shard that background readers follow.</summary>
public enum ShardStream
{
    /// <summary>The outbox, read by every wallet's lane.</summary>
    Outbox,

    /// <summary>The ledger feed, read by the ledger drainer.</summary>
    Ledger,
}

/// <summary>
/// Passes "shard N of stream S has a new entry" from the store to every reader's
/// <see cref="ShardDoorbell"/>. The in-memory store rings when it appends; with Redis, the scripts
/// that append publish the shard and <see cref="Redis.RedisDoorbellListener"/> rings.
/// </summary>
public sealed class ShardDoorbells
{
    private readonly ConcurrentDictionary<ShardStream, ConcurrentBag<ShardDoorbell>> _bells = new();

    /// <summary>A doorbell for one reader, rung at once for every shard, so its first pass reads them all.</summary>
    public ShardDoorbell Open(ShardStream stream)
    {
        var bell = new ShardDoorbell();
        bell.RingAll();
        _bells.GetOrAdd(stream, _ => []).Add(bell);
        return bell;
    }

    public void Ring(ShardStream stream, int shard)
    {
        if (_bells.TryGetValue(stream, out var bells))
        {
            foreach (var bell in bells)
            {
                bell.Ring(shard);
            }
        }
    }

    /// <summary>Every shard of every stream: after rings may have been lost (the store's connection dropped).</summary>
    public void RingAll()
    {
        foreach (var bell in _bells.Values.SelectMany(b => b))
        {
            bell.RingAll();
        }
    }
}
