using PaymentCore.Adapters.Voucher;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.State;

// The voucher ledger conformance suite against every store: in memory, one Redis node, a Redis Cluster.

public sealed class InMemoryVoucherLedgerConformance : VoucherLedgerConformanceTests
{
    protected override Task<(IVoucherLedger, IDisposable?)> CreateLedgerAsync() =>
        Task.FromResult<(IVoucherLedger, IDisposable?)>((new InMemoryVoucherLedger(), null));
}

[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisVoucherLedgerConformance(RedisSingleNodeFixture redis) : VoucherLedgerConformanceTests
{
    protected override Task<(IVoucherLedger, IDisposable?)> CreateLedgerAsync() => TestRedis.VoucherLedgerAsync(redis.Configuration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterVoucherLedgerConformance(RedisClusterFixture redis) : VoucherLedgerConformanceTests
{
    protected override Task<(IVoucherLedger, IDisposable?)> CreateLedgerAsync() => TestRedis.VoucherLedgerAsync(redis.Configuration);
}
