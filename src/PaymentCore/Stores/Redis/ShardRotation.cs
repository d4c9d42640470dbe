using PaymentCore.Recharges;

namespace PaymentCore.Stores.Redis;

/// <summary>The shards in turn, 0 to <see cref="RechargeId.ShardCount"/> - 1 and again, safe to call from any thread.</summary>
internal sealed class ShardRotation
{
    private uint _calls;

    public int Next() => (int)((Interlocked.Increment(ref _calls) - 1) % RechargeId.ShardCount);
}
