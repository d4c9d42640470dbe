using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using PaymentCore.Adapters.Tests.PayPal;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Hosting;

namespace PaymentCore.Adapters.Tests.EndToEnd;

/// <summary>
/// The whole PaymentCore host, on real Kestrel, with Stripe's and PayPal's base URLs pointed at
/// loopback servers that answer like the real APIs: recharges routed to each (cards, PayPal, and
/// Stripe's Alipay and WeChat Pay) reach SUCCEEDED, the gateway sees the right amount, currency and
/// idempotency header, and refunds reach it.
/// </summary>
public sealed class GatewayRechargeTests : IAsyncLifetime
{
    private StripeStub _stripe = null!;
    private PayPalStub _paypal = null!;
    private WebApplication _host = null!;
    private GrpcChannel _channel = null!;
    private RechargeService.RechargeServiceClient _recharges = null!;

    public async Task InitializeAsync()
    {
        _stripe = await StripeStub.StartAsync();
        _paypal = await PayPalStub.StartAsync();
        var grpc = $"http://127.0.0.1:{FreePort()}";
        _host = PaymentCoreHost.Build(
        [
            $"--Grpc:Url={grpc}",
            $"--Http:Url=http://127.0.0.1:{FreePort()}",
            "--Gateways:Stripe:ApiKey=sk_test_end_to_end",
            $"--Gateways:Stripe:ApiBase={_stripe.Server.BaseAddress}",
            "--Gateways:Stripe:WebhookSecret=whsec_end_to_end",
            "--Gateways:Stripe:ReturnUrl=https://shop.example/3ds-done",
            $"--Gateways:PayPal:ClientId={PayPalStub.ClientId}",
            $"--Gateways:PayPal:ClientSecret={PayPalStub.ClientSecret}",
            $"--Gateways:PayPal:WebhookId={PayPalStub.WebhookId}",
            $"--Gateways:PayPal:ApiBase={_paypal.Server.BaseAddress}",
        ]);
        await _host.StartAsync();
        _channel = GrpcChannel.ForAddress(grpc);
        _recharges = new RechargeService.RechargeServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _stripe.DisposeAsync();
        await _paypal.DisposeAsync();
    }

    [Fact]
    public async Task Card_RoutedToStripe_SucceedsAndRefundsThroughStripe()
    {
        var packages = await _recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" });
        Assert.Contains("card", packages.PaymentMethods);

        var recharge = (await _recharges.CreateRechargeAsync(Request("JP", new PaymentMethod { Card = new CardMethod { GatewayToken = "pm_card_visa" } }))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        Assert.Equal("stripe", recharge.Gateway);
        var intent = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Equal("800", intent.Form["amount"]);
        Assert.Equal("jpy", intent.Form["currency"]);
        Assert.Equal($"{recharge.RechargeId}:charge", intent.Header("Idempotency-Key"));

        var refunded = (await _recharges.RefundRechargeAsync(new RefundRechargeRequest
        {
            IdempotencyKey = "refund-stripe",
            RechargeId = recharge.RechargeId,
            Amount = new Api.V1.Money { Currency = "JPY", MinorUnits = 300 },
            Reason = "customer asked",
        })).Recharge;

        Assert.Equal(RechargeStatus.PartiallyRefunded, refunded.Status);
        var refund = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/refunds"));
        Assert.Equal("300", refund.Form["amount"]);
        Assert.Equal(recharge.GatewayReference, refund.Form["payment_intent"]);
        Assert.StartsWith($"{recharge.RechargeId}:refund:", refund.Header("Idempotency-Key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayPal_ApprovedThenConfirmed_SucceedsAndRefundsThroughPayPal()
    {
        var method = new PaymentMethod { Paypal = new PayPalMethod { ReturnUrl = "https://shop.example/paid", CancelUrl = "https://shop.example/cancelled" } };

        var waiting = (await _recharges.CreateRechargeAsync(Request("DE", method))).Recharge;

        Assert.Equal(RechargeStatus.RequiresAction, waiting.Status);
        Assert.Equal("paypal", waiting.Gateway);
        Assert.StartsWith("https://", waiting.NextAction.RedirectUrl, StringComparison.Ordinal);
        var order = Assert.Single(_paypal.Server.RequestsTo("POST", "/v2/checkout/orders"));
        Assert.Equal($"{waiting.RechargeId}:charge", order.Header("PayPal-Request-Id"));
        Assert.Contains("\"currency_code\":\"EUR\"", order.BodyText, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"5.49\"", order.BodyText, StringComparison.Ordinal);

        _paypal.Approve(waiting.GatewayReference);
        var paid = (await _recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "approve", RechargeId = waiting.RechargeId })).Recharge;
        var refunded = (await _recharges.RefundRechargeAsync(new RefundRechargeRequest
        {
            IdempotencyKey = "refund-paypal",
            RechargeId = paid.RechargeId,
            Reason = "customer asked",
        })).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        var refund = Assert.Single(_paypal.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/refund", StringComparison.Ordinal));
        Assert.Contains("\"value\":\"5.49\"", refund.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayPal_ConfirmStormWithDifferentKeys_CapturesOnce()
    {
        var method = new PaymentMethod { Paypal = new PayPalMethod { ReturnUrl = "https://shop.example/paid", CancelUrl = "https://shop.example/cancelled" } };
        var waiting = (await _recharges.CreateRechargeAsync(Request("DE", method))).Recharge;
        _paypal.Approve(waiting.GatewayReference);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                var confirm = new ConfirmRechargeRequest { IdempotencyKey = $"confirm-{i}", RechargeId = waiting.RechargeId };
                return (await _recharges.ConfirmRechargeAsync(confirm)).Recharge.Status.ToString();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "no reason";
            }
        }));

        Assert.Single(_paypal.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/capture", StringComparison.Ordinal));
        Assert.Single(answers, a => a == nameof(RechargeStatus.Succeeded));
        Assert.All(answers, a => Assert.Contains(a, new[] { nameof(RechargeStatus.Succeeded), "RECHARGE_NOT_CONFIRMABLE" }));
        var stored = (await _recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, stored.Status);
    }

    [Fact]
    public async Task Alipay_InJapan_RedirectsThePayerThenConfirmSucceedsThroughStripe()
    {
        var packages = await _recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" });
        Assert.Contains("alipay", packages.PaymentMethods);
        Assert.DoesNotContain("alipay", (await _recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "DE" })).PaymentMethods);
        var method = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.Alipay, ReturnUrl = "https://shop.example/alipay-done" } };

        var waiting = (await _recharges.CreateRechargeAsync(Request("JP", method))).Recharge;

        Assert.Equal((RechargeStatus.RequiresAction, "stripe", Api.V1.PaymentMethodType.Alipay), (waiting.Status, waiting.Gateway, waiting.PaymentMethodType));
        Assert.Equal(NextActionType.RedirectToUrl, waiting.NextAction.Type);
        Assert.Equal(StripeStub.AlipayUrl + waiting.GatewayReference, waiting.NextAction.RedirectUrl);
        var intent = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Equal(("800", "jpy", "alipay"), (intent.Form["amount"], intent.Form["currency"], intent.Form["allowed_payment_method_types[0]"]));
        Assert.Equal("https://shop.example/alipay-done", intent.Form["return_url"]);
        Assert.Equal($"{waiting.RechargeId}:charge", intent.Header("Idempotency-Key"));

        _stripe.CompleteAuthentication(waiting.GatewayReference);
        var paid = (await _recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "alipay-back", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Null(paid.NextAction);
    }

    [Fact]
    public async Task WeChatPay_InJapan_ShowsTheQrCodeUntilPaidThenSucceeds()
    {
        var method = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay } };

        var waiting = (await _recharges.CreateRechargeAsync(Request("JP", method))).Recharge;
        var notYet = (await _recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "wechat-1", RechargeId = waiting.RechargeId })).Recharge;
        _stripe.CompleteAuthentication(waiting.GatewayReference);
        var paid = (await _recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "wechat-2", RechargeId = waiting.RechargeId })).Recharge;

        var reference = waiting.GatewayReference;
        Assert.Equal((RechargeStatus.RequiresAction, Api.V1.PaymentMethodType.WechatPay), (waiting.Status, waiting.PaymentMethodType));
        Assert.Equal(NextActionType.DisplayQrCode, waiting.NextAction.Type);
        Assert.Equal(StripeStub.WeChatPayInstructionsUrl + reference, waiting.NextAction.RedirectUrl);
        Assert.Equal(
            new DisplayQrCode { Data = StripeStub.WeChatPayQrData + reference, ImageUrlPng = StripeStub.WeChatPayQrImage + reference + ".png", ImageUrlSvg = StripeStub.WeChatPayQrImage + reference + ".svg" },
            waiting.NextAction.DisplayQrCode);
        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal(("800", "jpy", "web"), (form["amount"], form["currency"], form["payment_method_options[wechat_pay][client]"]));
        Assert.Equal((RechargeStatus.RequiresAction, waiting.NextAction), (notYet.Status, notYet.NextAction));
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
    }

    [Fact]
    public async Task WeChatPay_QrCodeLapsed_ConfirmFailsTheRechargeWithoutCharging()
    {
        var method = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay } };
        var waiting = (await _recharges.CreateRechargeAsync(Request("JP", method))).Recharge;

        _stripe.FailWalletPayment(waiting.GatewayReference, "payment_intent_payment_attempt_expired");
        var failed = (await _recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "wechat-late", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal(RechargeStatus.Failed, failed.Status);
        Assert.Equal(("action_expired", "payment_intent_payment_attempt_expired"), (failed.Failure.Code, failed.Failure.GatewayCode));
    }

    private static CreateRechargeRequest Request(string region, PaymentMethod method) => new()
    {
        IdempotencyKey = Guid.NewGuid().ToString(),
        UserId = "e2e-" + Guid.NewGuid().ToString("N")[..10],
        RegionCode = region,
        PackageId = "coins_500",
        PaymentMethod = method,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
