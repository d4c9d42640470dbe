using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using PaymentCore.Adapters.Tests.CarrierBilling;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;
using static PaymentCore.Tests.CarrierBilling.CarrierBillingHost;

namespace PaymentCore.Tests.CarrierBilling;

/// <summary>
/// Carrier billing through the real host on a real redis-server, against a loopback operator that
/// speaks CAMARA's wire format (every request checked against the spec when the test ends): the code
/// prompt, wrong codes, duplicate storms, caps, notifications, refunds and abandonment.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class CarrierBillingRedisTests(RedisSingleNodeFixture redis) : OperatorSuite
{
    [Fact]
    public async Task DePurchase_AsksForTheCode_WrongCodeKeepsWaitingWithFewerAttempts_RightCodeSucceeds_WalletCreditedOnce()
    {
        await using var server = await StartAsync();

        var waiting = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;
        var retry = (await server.Recharges.ConfirmRechargeAsync(Code(waiting, "000000"))).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(Code(retry, CarrierBillingStub.Code))).Recharge;

        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.EnterOtp, "carrier_billing"), (waiting.Status, waiting.NextAction.Type, waiting.Gateway));
        Assert.Equal((MaskedPhone, 3), (waiting.NextAction.EnterOtp.SentTo, waiting.NextAction.EnterOtp.AttemptsLeft));
        Assert.True(waiting.NextAction.EnterOtp.CodeExpiresAt.ToDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(PaymentMethodType.CarrierBilling, waiting.PaymentMethodType);
        Assert.Equal((RechargeStatus.RequiresAction, 2), (retry.Status, retry.NextAction.EnterOtp.AttemptsLeft));
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Equal("succeeded", Operator.StatusOf(paid.GatewayReference));
        await server.Wallet.WaitForAsync(events => events.Count == 1);
        await server.QuietAsync();
        var credit = Assert.Single(server.Wallet.Received);
        Assert.Equal((paid.RechargeId, paid.Coins + paid.BonusCoins), (credit.RechargeId, credit.Coins));
        Assert.Equal(1, Operator.PaymentCount);
    }

    [Fact]
    public async Task WrongCodeThrice_FailsOtpAttemptsExceeded_TheOperatorCancels_NothingCredited()
    {
        await using var server = await StartAsync();
        var recharge = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;

        for (var attempt = 0; attempt < 3; attempt++)
        {
            recharge = (await server.Recharges.ConfirmRechargeAsync(Code(recharge, "000000"))).Recharge;
        }

        Assert.Equal((RechargeStatus.Failed, "otp_attempts_exceeded"), (recharge.Status, recharge.Failure.Code));
        Assert.Null(recharge.NextAction);
        Assert.Equal("cancelled", Operator.StatusOf(recharge.GatewayReference));
        Assert.DoesNotContain("confirmPayment", Operator.Operations);
        await server.QuietAsync();
        Assert.Empty(server.Wallet.Received);
    }

    [Fact]
    public async Task CreateStorm_50CallsWithOneKey_PrepareOnePayment()
    {
        await using var server = await StartAsync();
        var request = Buy();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => AnswerOf(() => server.Recharges.CreateRechargeAsync(request).ResponseAsync, r => r.Recharge)));

        Assert.Single(answers.OfType<Recharge>().Select(r => r.RechargeId).Distinct());
        Assert.All(answers.OfType<string>(), reason => Assert.Equal("IDEMPOTENCY_IN_PROGRESS", reason));
        Assert.Single(Operator.Operations, o => o == "preparePayment");
        Assert.Equal(1, Operator.PaymentCount);
    }

    [Fact]
    public async Task ConfirmStorm_50CallsWithOneKey_ValidateAndConfirmOnce_CreditOnce()
    {
        await using var server = await StartAsync();
        var waiting = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;
        var confirm = Code(waiting, CarrierBillingStub.Code);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => AnswerOf(() => server.Recharges.ConfirmRechargeAsync(confirm).ResponseAsync, r => r.Recharge)));

        Assert.All(answers.OfType<Recharge>(), r => Assert.Equal(RechargeStatus.Succeeded, r.Status));
        Assert.All(answers.OfType<string>(), reason => Assert.Equal("IDEMPOTENCY_IN_PROGRESS", reason));
        Assert.Single(Operator.Operations, o => o == "validatePayment");
        Assert.Single(Operator.Operations, o => o == "confirmPayment");
        await server.Wallet.WaitForAsync(events => events.Count == 1);
        await server.QuietAsync();
        Assert.Single(server.Wallet.Received);
    }

    [Fact]
    public async Task OverTheGermanCap_RefusedBeforeTheOperatorIsAsked()
    {
        await using var server = await StartAsync();

        // 64.99 EUR: over the EUR 50 a German carrier purchase may be.
        var refused = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(Buy(package: "coins_6500")).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var info = refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal(("LIMIT_EXCEEDED", "carrier_amount_per_purchase"), (info.Reason, info.Metadata["limit"]));
        Assert.Empty(Operator.Operations);
    }

    [Fact]
    public async Task ThirtyDayCap_CountsThePhoneNumberAcrossUsers_AndRefusesBeforeTheOperatorIsAsked()
    {
        await using var server = await StartAsync();

        // 49.05 EUR each (4500 coins at 1.09 per 100): six fit in EUR 300, the seventh does not, whoever buys.
        for (var i = 0; i < 6; i++)
        {
            var fits = (await server.Recharges.CreateRechargeAsync(Custom(4500, verified: true))).Recharge;
            Assert.Equal(RechargeStatus.RequiresAction, fits.Status);
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(Custom(4500, verified: true)).ResponseAsync);

        Assert.Equal("carrier_amount_30d", refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["limit"]);
        Assert.Equal(6, Operator.Operations.Count(o => o == "preparePayment"));
    }

    [Fact]
    public async Task Notification_WithAWrongToken_IsRefused_WithTheRightOne_AppliedOnce()
    {
        await using var server = await StartAsync();
        var waiting = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;
        using var http = new HttpClient { BaseAddress = server.HttpAddress };
        var completed = CarrierBillingStub.Notification("org.camaraproject.carrier-billing.v0.payment-completed", waiting.GatewayReference);

        var forged = await PostAsync(http, completed, "Bearer not-the-token-we-gave-the-operator-000000");
        var stillWaiting = await StatusOf(server, waiting);
        // The user validated on the operator's side; the operator tells us, twice.
        Operator.Settle(waiting.GatewayReference, "succeeded");
        var first = await PostAsync(http, completed, "Bearer " + NotificationToken);
        var again = await PostAsync(http, completed, "Bearer " + NotificationToken);

        Assert.Equal((HttpStatusCode.BadRequest, RechargeStatus.RequiresAction), (forged, stillWaiting));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, again));
        Assert.Equal(RechargeStatus.Succeeded, await StatusOf(server, waiting));
        await server.Wallet.WaitForAsync(events => events.Count == 1);
        await server.QuietAsync();
        Assert.Single(server.Wallet.Received);
    }

    [Fact]
    public async Task Refund_ReachesTheRefundApi_AndDebitsTheCoinsOnce()
    {
        await using var server = await StartAsync();
        var waiting = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(Code(waiting, CarrierBillingStub.Code))).Recharge;
        var refund = new RefundRechargeRequest { IdempotencyKey = Guid.NewGuid().ToString(), RechargeId = paid.RechargeId, Reason = "customer asked" };

        var refunded = (await server.Recharges.RefundRechargeAsync(refund)).Recharge;
        var replayed = (await server.Recharges.RefundRechargeAsync(refund)).Recharge;

        Assert.Equal((RechargeStatus.Refunded, RechargeStatus.Refunded), (refunded.Status, replayed.Status));
        var made = Assert.Single(Operator.RefundsOf(paid.GatewayReference));
        Assert.Equal("total", made["type"]!.GetValue<string>());
        Assert.Contains("createRefund", Operator.Operations);
        await server.Wallet.WaitForAsync(events => events.Count == 2);
        await server.QuietAsync();
        Assert.Equal(2, server.Wallet.Received.Count);
    }

    [Fact]
    public async Task PreparedPaymentNobodyValidates_IsCancelledByTheReconciler_FailedActionExpired()
    {
        await using var server = await StartAsync(Reconciling);
        var waiting = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;

        await Eventually.TrueAsync(async () => await StatusOf(server, waiting) == RechargeStatus.Failed);

        var failed = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge;
        Assert.Equal("action_expired", failed.Failure.Code);
        Assert.Equal("cancelled", Operator.StatusOf(waiting.GatewayReference));
    }

    [Fact]
    public async Task PrepareTimeout_IsUnknown_ReconciledByLookingThePaymentUp_NeverASecondPrepare()
    {
        var settings = Reconciling;
        settings["Gateways:CarrierBilling:RequestTimeout"] = "00:00:02";
        // Past the prepare's 2 s wait: the reconciler never races the request still in flight.
        settings["Reconciler:After"] = "00:00:03";
        await using var server = await StartAsync(settings);
        Operator.Slow = request => request.Path.EndsWith("/payments/prepare", StringComparison.Ordinal) ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;

        var unknown = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;
        await Eventually.TrueAsync(async () => await StatusOf(server, unknown) == RechargeStatus.Failed);

        Assert.Equal(RechargeStatus.Unknown, unknown.Status);
        Assert.Single(Operator.Operations, o => o == "preparePayment");
        Assert.Contains("retrievePayments", Operator.Operations);
        Assert.Equal(1, Operator.PaymentCount);
        var failed = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = unknown.RechargeId })).Recharge;
        Assert.Equal("action_expired", failed.Failure.Code);
    }

    /// <summary>A reconciler that looks at once and often, and gives up on a waiting payer after 200 ms.</summary>
    private static Dictionary<string, string?> Reconciling => new()
    {
        ["Reconciler:Interval"] = "00:00:00.100",
        // Not 0: the reconciler would look up a recharge whose CreateRecharge is still preparing it
        // (the operator has no payment yet), which production's two minutes never do.
        ["Reconciler:After"] = "00:00:01",
        ["Reconciler:AbandonActionAfter"] = "00:00:00.200",
    };

    private Task<PaymentCoreServer> StartAsync(Dictionary<string, string?>? more = null)
    {
        var settings = RedisSettings.For(redis.Configuration).WithOperator(Operator);
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return PaymentCoreServer.StartAsync(settings);
    }

    private static CreateRechargeRequest Custom(long coins, bool verified)
    {
        var request = Buy(user: Requests.NewUser("cap"));
        request.CustomCoins = coins;
        request.Risk = new RiskContext { VerificationLevel = verified ? VerificationLevel.Verified : VerificationLevel.Unverified };
        return request;
    }

    /// <summary>The answer of one call of a storm: its recharge, or the reason it was turned away.</summary>
    private static async Task<object> AnswerOf<T>(Func<Task<T>> call, Func<T, Recharge> recharge)
    {
        try
        {
            return recharge(await call());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
        {
            return e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "no reason";
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, byte[] body, string authorization)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/carrier_billing") { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<RechargeStatus> StatusOf(PaymentCoreServer server, Recharge recharge) =>
        (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = recharge.RechargeId })).Recharge.Status;
}
