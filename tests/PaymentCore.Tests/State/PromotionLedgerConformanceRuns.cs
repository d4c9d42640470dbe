using Microsoft.Extensions.Options;
using PaymentCore.Promotions;
using PaymentCore.Stores.InMemory;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.State;

// The promotion ledger conformance suite against every store: in memory, one Redis node, a Redis Cluster.

public sealed class InMemoryPromotionLedgerConformance : PromotionLedgerConformanceTests
{
    protected override Task<(IPromotionLedger, IDisposable?)> CreateLedgerAsync() =>
        Task.FromResult<(IPromotionLedger, IDisposable?)>((new InMemoryPromotionLedger(), null));
}

[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisPromotionLedgerConformance(RedisSingleNodeFixture redis) : PromotionLedgerConformanceTests
{
    protected override Task<(IPromotionLedger, IDisposable?)> CreateLedgerAsync() => TestRedisPromotions.LedgerAsync(redis.Configuration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterPromotionLedgerConformance(RedisClusterFixture redis) : PromotionLedgerConformanceTests
{
    protected override Task<(IPromotionLedger, IDisposable?)> CreateLedgerAsync() => TestRedisPromotions.LedgerAsync(redis.Configuration);
}

/// <summary>A Redis promotion ledger on a connection with a key prefix of its own.</summary>
public static class TestRedisPromotions
{
    public static Task<(IPromotionLedger, IDisposable?)> LedgerAsync(string configuration)
    {
        var connection = new RedisConnection(Options.Create(new RedisOptions
        {
            Configuration = configuration,
            KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12],
        }), Options.Create(new PaymentCore.Modes.ModeOptions()));
        return Task.FromResult<(IPromotionLedger, IDisposable?)>((new RedisPromotionLedger(connection), connection));
    }
}
