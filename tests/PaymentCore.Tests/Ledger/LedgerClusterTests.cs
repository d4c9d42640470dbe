using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Ledger;

/// <summary>The ledger streams on a Redis Cluster: each shard's stream in its shard's slot, drained from every node.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class LedgerClusterTests(RedisClusterFixture redis)
{
    [Fact]
    public async Task ClusterBurst_EveryRechargeLandsOnce()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var ledger = await LedgerTestDatabase.CreateAsync(postgres);
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(redis.Configuration, ledger.ConnectionString));

        var results = await new RechargeBurst(() => server.Recharges, 40).RunAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, r => Assert.Equal(RechargeStatus.Succeeded, r.Recharge.Status));
        await LedgerAssert.LandedOnceAsync(ledger, server.Services.GetRequiredService<RedisRechargeStore>(), results.Select(r => r.Recharge.RechargeId).ToList());
    }
}
