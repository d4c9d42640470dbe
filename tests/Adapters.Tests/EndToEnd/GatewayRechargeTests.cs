using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using PaymentCore.Adapters.Tests.Infrastructure;
using PaymentCore.Adapters.Tests.PayPal;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Hosting;

namespace PaymentCore.Adapters.Tests.EndToEnd;

/// <summary>
/// The whole PaymentCore host, on real Kestrel, with Stripe's and PayPal's base URLs pointed at
/// loopback servers that answer like the real APIs: recharges routed to each reach SUCCEEDED, the
/// gateway sees the right amount, currency and idempotency header, and refunds reach it.
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
