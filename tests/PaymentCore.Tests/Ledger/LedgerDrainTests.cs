using System.Net;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.Ledger;
using PaymentCore.State;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Ledger;

/// <summary>
/// The drainer end to end: the real host over Redis and a real PostgreSQL; every recharge version
/// lands in the ledger once, through PostgreSQL outages and a killed PaymentCore.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerDrainTests(LedgerFixture fixture) : IAsyncLifetime
{
    private LedgerTestDatabase _ledger = null!;

    public async Task InitializeAsync() => _ledger = await LedgerTestDatabase.CreateAsync(fixture.Postgres);

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Burst_EveryRechargeLandsOnce_AndTheStreamEmpties()
    {
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString));

        var results = await new RechargeBurst(() => server.Recharges, 60).RunAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, r => Assert.Equal(RechargeStatus.Succeeded, r.Recharge.Status));
        await LedgerAssert.LandedOnceAsync(_ledger, server.Services.GetRequiredService<RedisRechargeStore>(), results.Select(r => r.Recharge.RechargeId).ToList());
        var feed = server.Services.GetRequiredService<ILedgerFeed>();
        await Eventually.ReturnsAsync(() => feed.OldestUndrainedAsync(default), oldest => oldest is null);
    }

    [Fact]
    public async Task PostgresStoppedDuringABurst_RechargesGoOn_ReadinessDegrades_AndEveryRechargeLandsOnceAfterItReturns()
    {
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString));
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        var before = await new RechargeBurst(() => server.Recharges, 10).RunAsync(TimeSpan.FromSeconds(30));
        await LedgerAssert.LandedOnceAsync(_ledger, server.Services.GetRequiredService<RedisRechargeStore>(), before.Select(r => r.Recharge.RechargeId).ToList());

        await fixture.Postgres.StopAsync();
        List<string> ids;
        try
        {
            var during = await new RechargeBurst(() => server.Recharges, 40).RunAsync(TimeSpan.FromSeconds(60));
            Assert.All(during, r => Assert.Equal(RechargeStatus.Succeeded, r.Recharge.Status));
            ids = before.Concat(during).Select(r => r.Recharge.RechargeId).ToList();
            var ready = await Eventually.ReturnsAsync(() => ReadinessAsync(http), r => r.Body == "Degraded");
            Assert.Equal(HttpStatusCode.OK, ready.Status);
            // While writes fail the drainer measures the lag once a second, and readiness turns Degraded at the first
            // failed write, which can come before the next measurement.
            var ledgerMetrics = server.Services.GetRequiredService<LedgerMetrics>();
            await Eventually.TrueAsync(() => ledgerMetrics.LagSeconds > 0, what: "the drain lag did not grow while PostgreSQL was down");
            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("paymentcore_ledger_drain_lag_seconds", metrics, StringComparison.Ordinal);
            Assert.Contains("paymentcore_ledger_drain_failures_total", metrics, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Postgres.StartAgainAsync();
        }

        await LedgerAssert.LandedOnceAsync(_ledger, server.Services.GetRequiredService<RedisRechargeStore>(), ids);
        Assert.Equal("Healthy", (await Eventually.ReturnsAsync(() => ReadinessAsync(http), r => r.Body == "Healthy")).Body);
    }

    [Fact]
    public async Task KillNineMidDrain_AnotherProcessTakesOverTheHeldEntries_EveryRechargeLandsOnce()
    {
        var prefix = Redis.RedisSettings.NewPrefix();
        var settings = LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString, prefix).AsArguments();
        var current = await PaymentCoreProcess.StartAsync(settings);
        var channel = GrpcChannel.ForAddress(current.GrpcUrl);
        try
        {
            var burst = new RechargeBurst(() => new RechargeService.RechargeServiceClient(Volatile.Read(ref channel)), 80, workers: 8);
            var running = burst.RunAsync(TimeSpan.FromSeconds(120));
            await Eventually.TrueAsync(() => burst.Answered >= 30, TimeSpan.FromSeconds(60));
            current.Kill();
            await current.DisposeAsync();
            current = await PaymentCoreProcess.StartAsync(settings);
            var old = Interlocked.Exchange(ref channel, GrpcChannel.ForAddress(current.GrpcUrl));
            old.Dispose();
            var results = await running;

            var ids = results.Select(r => r.Recharge.RechargeId).ToList();
            using var redis = new RedisConnection(Microsoft.Extensions.Options.Options.Create(new RedisOptions
            {
                Configuration = fixture.Redis.Endpoint + State.TestRedisTimeouts.Suffix,
                KeyPrefix = prefix,
            }), Microsoft.Extensions.Options.Options.Create(new PaymentCore.Modes.ModeOptions()));
            await LedgerAssert.LandedOnceAsync(_ledger, new RedisRechargeStore(redis, TimeProvider.System), ids);
        }
        finally
        {
            channel.Dispose();
            await current.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
