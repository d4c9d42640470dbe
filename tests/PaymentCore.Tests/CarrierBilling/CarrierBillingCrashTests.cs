using Grpc.Core;
using Grpc.Net.Client;
using PaymentCore.Adapters.Tests.CarrierBilling;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using static PaymentCore.Tests.CarrierBilling.CarrierBillingHost;

namespace PaymentCore.Tests.CarrierBilling;

/// <summary>
/// kill -9 of the real PaymentCore process, with the operator (a loopback CAMARA stand-in) outliving
/// it: between prepare and confirm the code still confirms the one payment; during the prepare, the
/// retry finds the payment by our clientCorrelator and, its code prompt lost with the answer,
/// cancels it rather than preparing a second one. Charged and credited once either way.
/// </summary>
public sealed class CarrierBillingCrashTests
{
    private const string KeyPrefix = "crashcb";

    [Fact]
    public async Task KillDashNineDuringPrepareAndBetweenPrepareAndConfirm_NeverASecondPayment_ChargedAndCreditedOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var stub = await CarrierBillingStub.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync();
        var slowOnce = 0;
        stub.Slow = r => r.Path.EndsWith("/payments/prepare", StringComparison.Ordinal) && Interlocked.Increment(ref slowOnce) == 1
            ? TimeSpan.FromSeconds(1.5)
            : TimeSpan.Zero;
        var settings = Settings(redis, stub, wallet);
        var interruptedRequest = Buy(user: Requests.NewUser("crash"));

        // 1. Killed while the operator holds the prepare's answer.
        var first = await PaymentCoreProcess.StartAsync(settings);
        using (var channel = GrpcChannel.ForAddress(first.GrpcUrl))
        {
            var lost = new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(interruptedRequest).ResponseAsync;
            await Eventually.TrueAsync(() => stub.Operations.Contains("preparePayment"));
            first.Kill();
            await Assert.ThrowsAsync<RpcException>(() => lost);
        }

        // 2. The caller's retry on a new process; then a purchase that gets as far as the code prompt, and a kill.
        Recharge interrupted;
        Recharge waiting;
        var second = await PaymentCoreProcess.StartAsync(settings);
        using (var channel = GrpcChannel.ForAddress(second.GrpcUrl))
        {
            var client = new RechargeService.RechargeServiceClient(channel);
            interrupted = await Eventually.SucceedsAsync(
                async () => (await client.CreateRechargeAsync(interruptedRequest)).Recharge,
                e => e is RpcException { StatusCode: StatusCode.Aborted },
                TimeSpan.FromSeconds(30));
            waiting = (await client.CreateRechargeAsync(Buy(user: Requests.NewUser("crash")))).Recharge;
            second.Kill();
        }

        // 3. The code, on a third process.
        await using var third = await PaymentCoreProcess.StartAsync(settings);
        using var thirdChannel = GrpcChannel.ForAddress(third.GrpcUrl);
        var paid = (await new RechargeService.RechargeServiceClient(thirdChannel).ConfirmRechargeAsync(Code(waiting, CarrierBillingStub.Code))).Recharge;

        Assert.Equal((RechargeStatus.Failed, "carrier_billing_interrupted"), (interrupted.Status, interrupted.Failure.Code));
        Assert.Equal("cancelled", stub.StatusOf(interrupted.GatewayReference));
        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.EnterOtp), (waiting.Status, waiting.NextAction.Type));
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Equal(2, stub.PaymentCount);
        Assert.Single(stub.Operations, o => o == "confirmPayment");
        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Count >= 1);
        await RedisOutboxProbe.QuietAsync(redis.Endpoint, KeyPrefix, wallet.Url);
        var credit = Assert.Single(wallet.Ledger.Applied);
        Assert.Equal((paid.RechargeId, paid.Coins + paid.BonusCoins), (credit.RechargeId, credit.Coins));
        // The processes' own console shows the number masked only.
        Assert.DoesNotContain(Phone, first.Output + second.Output + third.Output, StringComparison.Ordinal);
        Assert.Empty(stub.SpecViolations);
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    private static string[] Settings(RedisServer redis, CarrierBillingStub stub, ReferenceWalletServer wallet) =>
    [
        $"--Redis:Configuration={redis.Endpoint}",
        $"--Redis:KeyPrefix={KeyPrefix}",
        "--Idempotency:Lease=00:00:02",
        $"--Wallets:Endpoints:0={wallet.Url}",
        .. CommandLine(stub),
    ];
}
