using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using PaymentCore.Adapters.Tests.CarrierBilling;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using StackExchange.Redis;
using static PaymentCore.Tests.CarrierBilling.CarrierBillingHost;

namespace PaymentCore.Tests.SavedInstruments;

/// <summary>
/// kill -9 of the real PaymentCore process after the commit that credits a saving purchase and before
/// its save completes: the pending save recorded before the charge is found by the reconcilers of the
/// processes that come next (two at once, racing), which save the instrument exactly once.
/// </summary>
public sealed partial class SaveAcrossACrashTests
{
    private const string KeyPrefix = "crashsave";

    [Fact]
    public async Task KillDashNineBetweenTheCreditAndTheSave_TheNextProcessesSaveItExactlyOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var stub = await CarrierBillingStub.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync();
        // The save reads the charged payment back from the operator: the second read after the
        // confirmation (the first is the confirmation's own); it hangs, and the process is killed then.
        var reads = 0;
        stub.Slow = r => r.Method == "GET" && PaymentPath().IsMatch(r.Path) && stub.Operations.Contains("confirmPayment") && Interlocked.Increment(ref reads) == 2
            ? TimeSpan.FromSeconds(20)
            : TimeSpan.Zero;
        var user = Requests.NewUser("crash");
        var saving = Buy(user: user);
        saving.SaveInstrument = new SaveInstrument { ConsentVersion = Requests.SaveConsent };

        var first = await PaymentCoreProcess.StartAsync(Settings(redis, stub, wallet, reconciling: false));
        Recharge waiting;
        using (var channel = GrpcChannel.ForAddress(first.GrpcUrl))
        {
            var client = new RechargeService.RechargeServiceClient(channel);
            waiting = (await client.CreateRechargeAsync(saving)).Recharge;
            var lost = client.ConfirmRechargeAsync(Code(waiting, CarrierBillingStub.Code)).ResponseAsync;
            await Eventually.TrueAsync(() => Volatile.Read(ref reads) >= 2, what: "the save never asked the operator");
            // Credited: the commit came before the save's read.
            Assert.Equal(RechargeStatus.Succeeded, (await client.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge.Status);
            Assert.Empty(await client.SavedInstrumentsOfAsync(user));
            first.Kill();
            await Assert.ThrowsAsync<RpcException>(() => lost);
        }

        await using var second = await PaymentCoreProcess.StartAsync(Settings(redis, stub, wallet, reconciling: true));
        await using var third = await PaymentCoreProcess.StartAsync(Settings(redis, stub, wallet, reconciling: true));
        using var secondChannel = GrpcChannel.ForAddress(second.GrpcUrl);
        using var thirdChannel = GrpcChannel.ForAddress(third.GrpcUrl);
        var client2 = new RechargeService.RechargeServiceClient(secondChannel);
        var saved = await Eventually.ReturnsAsync(
            () => client2.SavedInstrumentsOfAsync(user), instruments => instruments.Count > 0, what: "the pending save was not completed");
        // The quiet state: no pending save is left for any pass to make (both reconcilers may have raced to it).
        await Eventually.TrueAsync(async () => !await PendingSavesLeftAsync(redis), what: "a pending save was left");
        var later = await new RechargeService.RechargeServiceClient(thirdChannel).SavedInstrumentsOfAsync(user);
        var audit = (await new AdminService.AdminServiceClient(secondChannel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 500 })).Entries;

        var instrument = Assert.Single(saved);
        Assert.Equal(instrument.InstrumentId, Assert.Single(later).InstrumentId);
        Assert.Equal((PaymentMethodType.CarrierBilling, MaskedPhone), (instrument.PaymentMethodType, instrument.Display.PhoneNumberMasked));
        Assert.Single(audit, e => e.Action == "saved_instrument:saved" && e.Reason == instrument.InstrumentId);
        Assert.Single(stub.Operations, o => o == "confirmPayment");
        // Written by the killed process: delivered by it before the kill, or by a new process that
        // takes over what it held (ClaimAbandonedAfter) or finds it on its sweep (every 30 s).
        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Count >= 1, TimeSpan.FromSeconds(45));
        await RedisOutboxProbe.QuietAsync(redis.Endpoint, KeyPrefix, wallet.Url);
        Assert.Equal(waiting.RechargeId, Assert.Single(wallet.Ledger.Applied).RechargeId);
        Assert.DoesNotContain(Phone, first.Output + second.Output + third.Output, StringComparison.Ordinal);
        await first.DisposeAsync();
    }

    private static async Task<bool> PendingSavesLeftAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
        return connection.GetServer(redis.Endpoint).Keys(pattern: $"{KeyPrefix}:*:si:pending").Any();
    }

    private static string[] Settings(RedisServer redis, CarrierBillingStub stub, ReferenceWalletServer wallet, bool reconciling) =>
    [
        $"--Redis:Configuration={redis.Endpoint}",
        $"--Redis:KeyPrefix={KeyPrefix}",
        $"--Wallets:Endpoints:0={wallet.Url}",
        // The killed process may have delivered the credit without acknowledging it: the next
        // processes take over what it held after this long, well inside the probe's wait.
        "--Wallets:ClaimAbandonedAfter=00:00:02",
        $"--Reconciler:Interval={(reconciling ? "00:00:00.100" : "01:00:00")}",
        "--Reconciler:After=00:00:00",
        .. CommandLine(stub),
    ];

    [GeneratedRegex(@"/payments/[^/]+$")]
    private static partial Regex PaymentPath();
}
