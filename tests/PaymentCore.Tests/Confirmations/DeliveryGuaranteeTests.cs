using Grpc.Net.Client;
using PaymentCore.Api.V1;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Hosting;
using PaymentCore.ReferenceWallet;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Confirmations;

/// <summary>
/// Coins are money: every SUCCEEDED recharge reaches the wallet exactly once, through crashes of
/// PaymentCore (kill -9 of the real process), Redis restarts (AOF) and wallets that fail or are down.
/// </summary>
public sealed class DeliveryGuaranteeTests
{
    private const int Burst = 500;

    [Fact]
    public async Task KillDashNineMidBurst_EverySucceededRechargeCreditedExactlyOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync();
        var settings = Settings(redis, wallet);
        var first = await PaymentCoreProcess.StartAsync(settings);
        PaymentCoreProcess? second = null;
        var channel = GrpcChannel.ForAddress(first.GrpcUrl);
        try
        {
            var current = new RechargeService.RechargeServiceClient(channel);
            var burst = new RechargeBurst(() => current, Burst);
            var running = burst.RunAsync(TimeSpan.FromMinutes(3));
            await Eventually.TrueAsync(() => burst.Answered >= Burst / 3, TimeSpan.FromMinutes(3));

            first.Kill();
            second = await PaymentCoreProcess.StartAsync(settings);
            current = new RechargeService.RechargeServiceClient(GrpcChannel.ForAddress(second.GrpcUrl));
            var results = await running;

            await AssertCreditedExactlyOnceAsync(results, wallet.Ledger);
        }
        finally
        {
            channel.Dispose();
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RedisRestartedMidBurst_NothingIsLost()
    {
        await using var redis = await RedisServer.StartAsync(fsyncEveryWrite: true);
        await using var wallet = await ReferenceWalletServer.StartAsync();
        await using var server = await PaymentCoreProcess.StartAsync(Settings(redis, wallet));
        using var channel = GrpcChannel.ForAddress(server.GrpcUrl);
        var client = new RechargeService.RechargeServiceClient(channel);
        var burst = new RechargeBurst(() => client, Burst / 2);

        var running = burst.RunAsync(TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => burst.Answered >= Burst / 6, TimeSpan.FromMinutes(3));

        await redis.RestartAsync();
        var results = await running;

        await AssertCreditedExactlyOnceAsync(results, wallet.Ledger);
    }

    [Fact]
    public async Task FailingThenDownWallet_GetsEverythingAfterRecovery_InOrderPerUser()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync(failFirst: 5);
        await using var server = await PaymentCoreServer.StartAsync(InProcessSettings(redis, wallet));
        var user = "ordered-" + Guid.NewGuid().ToString("N")[..8];

        var paid = new List<Recharge>();
        for (var i = 0; i < 3; i++)
        {
            paid.Add((await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge);
        }

        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Count(e => e.UserId == user) == 3);
        await wallet.StopAsync();
        var refusedBefore = RefusedDeliveries(server);
        await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "r", RechargeId = paid[0].RechargeId, Reason = "test" });
        paid.Add((await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge);
        // The wallet is down long enough for PaymentCore to have tried and been refused, not a fixed time.
        await Eventually.TrueAsync(() => RefusedDeliveries(server) > refusedBefore);
        await wallet.StartAsync();

        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Count(e => e.UserId == user) == 5);
        var applied = wallet.Ledger.Applied.Where(e => e.UserId == user).Select(e => e.EventId).ToList();
        Assert.Equal(
            [.. paid.Take(3).Select(r => $"{r.RechargeId}:credit"), $"{paid[0].RechargeId}:debit:rfd_{paid[0].RechargeId[4..]}_1", $"{paid[3].RechargeId}:credit"],
            applied);
        Assert.Equal(3 * 525, wallet.Ledger.BalanceOf(user));
    }

    [Fact]
    public async Task TwoInstancesSharingTheOutbox_DeliverEachEventOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync();
        var settings = InProcessSettings(redis, wallet);
        await using var one = await PaymentCoreServer.StartAsync(settings);
        await using var two = await PaymentCoreServer.StartAsync(settings);
        var clients = new[] { one.Recharges, two.Recharges };
        var turn = 0;
        var burst = new RechargeBurst(() => clients[Interlocked.Increment(ref turn) % 2], 100);

        var results = await burst.RunAsync(TimeSpan.FromMinutes(1));

        await AssertCreditedExactlyOnceAsync(results, wallet.Ledger);
        var ours = results.Select(r => $"{r.Recharge.RechargeId}:credit").ToHashSet();
        Assert.All(wallet.Ledger.Deliveries.Where(d => ours.Contains(d.Key)), d => Assert.Equal(1, d.Value));
    }

    [Fact]
    public async Task RefusedTooOften_GoesToTheDeadLetters_AndTheAdminCommandReplaysIt()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync(failFirst: 1000);
        var settings = InProcessSettings(redis, wallet);
        settings["Wallets:MaxAttempts"] = "3";
        await using var server = await PaymentCoreServer.StartAsync(settings);
        var outbox = server.Services.GetRequiredService<PaymentCore.State.IOutbox>();
        var walletName = server.Services.GetRequiredService<IEnumerable<PaymentCore.Confirmations.IWalletSink>>().Single().Name;

        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;

        await Eventually.TrueAsync(() => outbox.DeadLetterCountAsync(walletName, default).Result == 1);
        // The wallet is mended before the replay: a replayed event is delivered at once (the replay
        // rings the dispatcher), so a wallet still refusing would dead-letter it again within a second.
        await wallet.StopAsync();
        await wallet.StartAsync(failFirst: 0);
        var replay = await PaymentCoreProcess.RunCommandAsync(
            [AdminCommands.ReplayDeadLetters, .. settings.Select(s => $"--{s.Key}={s.Value}")]);
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains($"{walletName}: 1 dead letters put back into the outbox", replay.Output, StringComparison.Ordinal);
        Assert.Equal(0, await outbox.DeadLetterCountAsync(walletName, default));
        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Any(e => e.EventId == $"{recharge.RechargeId}:credit"));
    }

    private static async Task AssertCreditedExactlyOnceAsync(IReadOnlyList<(CreateRechargeRequest Request, Recharge Recharge)> results, WalletLedger ledger)
    {
        Assert.All(results, r => Assert.Equal(RechargeStatus.Succeeded, r.Recharge.Status));
        var expected = results.Select(r => $"{r.Recharge.RechargeId}:credit").ToHashSet();
        Assert.Equal(results.Count, expected.Count);
        await Eventually.TrueAsync(() => ledger.Applied.Count(e => expected.Contains(e.EventId)) == expected.Count, TimeSpan.FromSeconds(60));
        var applied = ledger.Applied.Where(e => expected.Contains(e.EventId)).ToList();
        Assert.Equal(expected.Count, applied.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(expected.Count, applied.Count);
        Assert.All(results, r => Assert.Equal(525, ledger.BalanceOf(r.Request.UserId)));
    }

    private static string[] Settings(RedisServer redis, ReferenceWalletServer wallet) =>
        InProcessSettings(redis, wallet).Select(s => $"--{s.Key}={s.Value}").ToArray();

    private static int RefusedDeliveries(PaymentCoreServer server) =>
        server.Logs.GetSnapshot().Count(r => r.Message.Contains("refused event", StringComparison.Ordinal));

    private static Dictionary<string, string?> InProcessSettings(RedisServer redis, ReferenceWalletServer wallet)
    {
        var settings = RedisSettings.For(redis.Endpoint, "pc");
        settings["Wallets:Endpoints:0"] = wallet.Url;
        settings["Wallets:ClaimAbandonedAfter"] = "00:00:02";
        settings["Wallets:RetryBase"] = "00:00:00.05";
        settings["Wallets:RetryMax"] = "00:00:00.5";
        settings["Wallets:MaxAttempts"] = "100000";
        settings["Idempotency:Lease"] = "00:00:02";
        return settings;
    }
}
