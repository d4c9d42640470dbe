using Grpc.Core;
using Grpc.Net.Client;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Redis;

/// <summary>
/// DESIGN.md: a crash mid-request leaves a lease that expires; the next attempt resumes from the
/// recorded phase, and the gateway call carries the gateway's idempotency key derived from the
/// recharge id, so a retry can never charge twice. Tried with kill -9 of the real PaymentCore
/// process while Stripe (a loopback server speaking its wire format, outliving the process) holds
/// the charge's answer, then the caller's retry on a restarted process.
/// </summary>
public sealed class CrashMidChargeTests
{
    private const string KeyPrefix = "crash";

    [Fact]
    public async Task KillDashNineWhileStripeCharges_TheRetryResumesWithTheSameKey_AndStripeChargesOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var stripe = await StripeStub.StartAsync();
        await using var wallet = await ReferenceWalletServer.StartAsync();
        stripe.SlowDelay = TimeSpan.FromSeconds(3);
        var settings = Settings(redis, stripe, wallet);
        var request = Requests.Create(user: "crash-" + Guid.NewGuid().ToString("N")[..8]);
        request.PaymentMethod = new PaymentMethod { Card = new CardMethod { GatewayToken = "pm_stub_slow" } };

        var first = await PaymentCoreProcess.StartAsync(settings);
        using (var channel = GrpcChannel.ForAddress(first.GrpcUrl))
        {
            var lost = new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(request).ResponseAsync;
            await Eventually.TrueAsync(() => stripe.Server.RequestsTo("POST", "/v1/payment_intents").Count == 1);
            first.Kill();
            await Assert.ThrowsAsync<RpcException>(() => lost);
        }

        await using var second = await PaymentCoreProcess.StartAsync(settings);
        using var retryChannel = GrpcChannel.ForAddress(second.GrpcUrl);
        var recharge = await RetryUntilTheLeaseExpiredAsync(new RechargeService.RechargeServiceClient(retryChannel), request);

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        var charges = stripe.Server.RequestsTo("POST", "/v1/payment_intents");
        Assert.Equal(2, charges.Count);
        Assert.All(charges, c => Assert.Equal($"{recharge.RechargeId}:charge", c.Header("Idempotency-Key")));
        Assert.Equal("pi_stub0001", recharge.GatewayReference);
        await Eventually.TrueAsync(() => wallet.Ledger.Applied.Count >= 1);
        await RedisOutboxProbe.QuietAsync(redis.Endpoint, KeyPrefix, wallet.Url);
        var credit = Assert.Single(wallet.Ledger.Applied);
        Assert.Equal((recharge.RechargeId, recharge.Coins + recharge.BonusCoins), (credit.RechargeId, credit.Coins));
    }

    /// <summary>What a caller does after losing an answer: the same request, same key, until it is no longer in progress.</summary>
    private static Task<Recharge> RetryUntilTheLeaseExpiredAsync(RechargeService.RechargeServiceClient client, CreateRechargeRequest request) =>
        Eventually.SucceedsAsync(
            async () => (await client.CreateRechargeAsync(request)).Recharge,
            e => e is RpcException { StatusCode: StatusCode.Aborted },
            TimeSpan.FromSeconds(30));

    private static string[] Settings(RedisServer redis, StripeStub stripe, ReferenceWalletServer wallet) =>
    [
        $"--Redis:Configuration={redis.Endpoint}",
        $"--Redis:KeyPrefix={KeyPrefix}",
        "--Idempotency:Lease=00:00:02",
        "--Gateways:Stripe:ApiKey=" + StripeStub.ApiKey,
        $"--Gateways:Stripe:ApiBase={stripe.Server.BaseAddress}",
        "--Gateways:Stripe:WebhookSecret=whsec_crash",
        "--Gateways:Stripe:ReturnUrl=" + StripeStub.ReturnUrl,
        $"--Wallets:Endpoints:0={wallet.Url}",
    ];
}
