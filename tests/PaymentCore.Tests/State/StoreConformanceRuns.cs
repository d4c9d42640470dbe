using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Limits;
using PaymentCore.State;
using PaymentCore.Stores.InMemory;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.State;

// The same conformance suites against every store: in memory, one Redis node, a Redis Cluster.

public sealed class InMemoryRechargeStoreConformance : RechargeStoreConformanceTests
{
    protected override Task<(IRechargeStore, IOutbox, ILimitLedger, IDisposable?)> CreateStoreAsync()
    {
        var outbox = new InMemoryOutbox(new ShardDoorbells());
        var limits = new InMemoryLimitLedger(Time);
        return Task.FromResult<(IRechargeStore, IOutbox, ILimitLedger, IDisposable?)>((new InMemoryRechargeStore(Time, outbox, limits), outbox, limits, null));
    }
}

[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisRechargeStoreConformance(RedisSingleNodeFixture redis) : RechargeStoreConformanceTests
{
    protected override Task<(IRechargeStore, IOutbox, ILimitLedger, IDisposable?)> CreateStoreAsync() => TestRedis.StoreAsync(redis.Configuration, Time);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterRechargeStoreConformance(RedisClusterFixture redis) : RechargeStoreConformanceTests
{
    protected override Task<(IRechargeStore, IOutbox, ILimitLedger, IDisposable?)> CreateStoreAsync() => TestRedis.StoreAsync(redis.Configuration, Time);
}

public sealed class InMemoryLimitLedgerConformance : LimitLedgerConformanceTests
{
    protected override Task<(ILimitLedger, IDisposable?)> CreateLedgerAsync() =>
        Task.FromResult<(ILimitLedger, IDisposable?)>((new InMemoryLimitLedger(Time), null));
}

[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisLimitLedgerConformance(RedisSingleNodeFixture redis) : LimitLedgerConformanceTests
{
    protected override Task<(ILimitLedger, IDisposable?)> CreateLedgerAsync() => TestRedis.LedgerAsync(redis.Configuration, Time);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterLimitLedgerConformance(RedisClusterFixture redis) : LimitLedgerConformanceTests
{
    protected override Task<(ILimitLedger, IDisposable?)> CreateLedgerAsync() => TestRedis.LedgerAsync(redis.Configuration, Time);
}

/// <summary>
/// Client timeouts for tests: CI machines are small and busy (two cores running the suite, several
/// redis-servers and PaymentCore processes), so a reply may take longer than the 5 s default.
/// </summary>
public static class TestRedisTimeouts
{
    public const string Suffix = ",asyncTimeout=20000,syncTimeout=20000";
}

/// <summary>Redis stores on a connection with a key prefix of its own, so tests sharing a Redis never see each other's keys.</summary>
public static class TestRedis
{
    /// <summary>The store, its outbox and the limit ledger on the same keys (the user's limit key is reserved with the claim).</summary>
    public static Task<(IRechargeStore, IOutbox, ILimitLedger, IDisposable?)> StoreAsync(string configuration, FakeTimeProvider time)
    {
        var connection = Connect(configuration);
        return Task.FromResult<(IRechargeStore, IOutbox, ILimitLedger, IDisposable?)>(
            (new RedisRechargeStore(connection, time), new RedisOutbox(connection), new RedisLimitLedger(connection, time), connection));
    }

    public static Task<(ILimitLedger, IDisposable?)> LedgerAsync(string configuration, FakeTimeProvider time)
    {
        var connection = Connect(configuration);
        return Task.FromResult<(ILimitLedger, IDisposable?)>((new RedisLimitLedger(connection, time), connection));
    }

    public static Task<(IVoucherLedger, IDisposable?)> VoucherLedgerAsync(string configuration)
    {
        var connection = Connect(configuration);
        return Task.FromResult<(IVoucherLedger, IDisposable?)>((new RedisVoucherLedger(connection), connection));
    }

    private static RedisConnection Connect(string configuration) => new(Options.Create(new RedisOptions
    {
        Configuration = configuration + TestRedisTimeouts.Suffix,
        KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12],
    }), Options.Create(new PaymentCore.Modes.ModeOptions()));
}
