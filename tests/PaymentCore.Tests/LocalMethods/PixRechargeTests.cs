using System.Net;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// Pix through Stripe on the real host and Redis: the QR code waits for the payer, the money's
/// arrival (webhook or reconciler, or both at once) credits once, a delivery that is not Stripe's
/// moves nothing, and an expired code fails cleanly and gives its limit reservation back.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class PixRechargeTests(RedisSingleNodeFixture redis)
{
    private static readonly PaymentMethod Pix = new() { Pix = new PixMethod() };

    [Fact]
    public async Task ListPackages_Brazil_OffersPix_OtherRegionsDoNot()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        Assert.Contains("pix", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "BR" })).PaymentMethods);
        Assert.DoesNotContain("pix", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" })).PaymentMethods);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PAYMENT_METHOD_NOT_AVAILABLE", () =>
            host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("US", Pix)).ResponseAsync);
    }

    [Fact]
    public async Task Pix_ShowsTheQrCodeWithItsExpiry_ThenTheWebhookCreditsOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("BR", Pix))).Recharge;

        var id = waiting.GatewayReference;
        Assert.Equal((RechargeStatus.RequiresAction, "stripe", PaymentMethodType.Pix), (waiting.Status, waiting.Gateway, waiting.PaymentMethodType));
        Assert.Equal(NextActionType.DisplayQrCode, waiting.NextAction.Type);
        Assert.Equal(StripeStub.PixInstructionsUrl + id, waiting.NextAction.RedirectUrl);
        Assert.Equal(StripeStub.PixCode + id, waiting.NextAction.DisplayQrCode.Data);
        Assert.Equal(host.Stripe.Intent(id)["next_action"]!["pix_display_qr_code"]!["expires_at"]!.GetValue<long>(), waiting.NextAction.ExpiresAt.Seconds);
        var form = Assert.Single(host.Stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal(("2790", "brl", "pix"), (form["amount"], form["currency"], form["payment_method_data[type]"]));

        host.Stripe.CompleteAuthentication(id);
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_pix_paid", "payment_intent.succeeded", id));
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_pix_paid", "payment_intent.succeeded", id));

        var paid = await host.GetAsync(waiting.RechargeId);
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Null(paid.NextAction);
        await host.Server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == waiting.RechargeId));
        await host.Server.QuietAsync();
        Assert.Single(host.Server.Wallet.For(waiting.RechargeId));
    }

    [Fact]
    public async Task Pix_RefundedWithinNinetyDays_AtStripe_AfterThemDeclinedRefundNotSupported_WithoutAskingStripe()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StripeLocalHost.StartAsync(redis, services: services => services.AddSingleton<TimeProvider>(clock));
        var recent = await PaidAsync(host, "pix-recent");
        var old = await PaidAsync(host, "pix-old");

        clock.Advance(TimeSpan.FromDays(89));
        var refunded = (await host.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund-recent", RechargeId = recent.RechargeId, Reason = "asked" })).Recharge;
        clock.Advance(TimeSpan.FromDays(1));
        var declined = (await host.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund-old", RechargeId = old.RechargeId, Reason = "asked" })).Recharge;

        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        Assert.Equal(RechargeStatus.Succeeded, declined.Status);
        var refusal = Assert.Single(declined.Refunds);
        Assert.Equal((RefundStatus.Failed, "refund_not_supported", 0L), (refusal.Status, refusal.FailureCode, refusal.Coins));
        Assert.Single(host.Stripe.Server.RequestsTo("POST", "/v1/refunds"));
        // The refused refund wrote no debit (0 coins, no transition): the recent one's debit is delivered, even on this clock.
        await host.Server.Wallet.WaitForAsync(events => events.Count(e => e.RechargeId == recent.RechargeId) == 2);
    }

    [Fact]
    public async Task Pix_DuplicateStorm_ChargesOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var request = StripeLocalHost.Request("BR", Pix);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (await host.Recharges.CreateRechargeAsync(request)).Recharge.RechargeId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return "in progress";
            }
        }));

        Assert.Single(host.Stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Single(answers.Where(a => a != "in progress").Distinct());
        Assert.Single((await host.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = request.UserId })).Recharges);
    }

    [Fact]
    public async Task Pix_PaidThenWebhookAndReconcilerAtOnce_CreditsOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        await host.Payments("BR", Pix).PaidAndToldAtOnce_CreditsOnceAsync(
            waiting => host.Stripe.CompleteAuthentication(waiting.GatewayReference), host.SucceededWebhookAndReconcilers("evt_pix_race"));
    }

    [Fact]
    public async Task Pix_ForgedOrReplayedSuccess_MovesNothing()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("BR", Pix))).Recharge;
        var claimedPaid = host.Stripe.Intent(waiting.GatewayReference).DeepClone().AsObject();
        claimedPaid["status"] = "succeeded";
        claimedPaid["amount_received"] = claimedPaid["amount"]!.GetValue<long>();

        var forged = await host.SendEventAsync("evt_forged", "payment_intent.succeeded", claimedPaid, secret: "whsec_someone_else");
        var replayed = await host.SendEventAsync("evt_old", "payment_intent.succeeded", claimedPaid, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (forged, replayed));
        var after = await host.GetAsync(waiting.RechargeId);
        Assert.Equal((RechargeStatus.RequiresAction, waiting.NextAction), (after.Status, after.NextAction));
        await host.Server.QuietAsync();
        Assert.Empty(host.Server.Wallet.For(waiting.RechargeId));
    }

    [Fact]
    public async Task Pix_WaitingLongerThanTheReconcilersPatience_IsNotAbandonedBeforeTheCodeExpires()
    {
        await using var host = await StripeLocalHost.StartAsync(redis, abandonActionAfter: "00:00:00.001");
        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("BR", Pix))).Recharge;

        await host.ReconcileAsync();

        var after = await host.GetAsync(waiting.RechargeId);
        Assert.Equal((RechargeStatus.RequiresAction, waiting.NextAction), (after.Status, after.NextAction));
    }

    [Fact]
    public async Task Pix_CodeExpired_FailsActionExpired_AndGivesTheLimitReservationBack()
    {
        await using var host = await StripeLocalHost.StartAsync(redis, stripe => stripe.PixExpiresAfter = TimeSpan.FromSeconds(1));

        await host.Payments("BR", Pix).Lapsed_FailsActionExpired_AndReleasesTheReservationAsync(host.ReconciledPastItsExpiryAsync);
    }

    [Fact]
    public async Task Pix_ExpiryReportedByStripe_FailsActionExpired()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("BR", Pix))).Recharge;

        host.Stripe.FailWalletPayment(waiting.GatewayReference, "payment_intent_payment_attempt_expired");
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_pix_expired", "payment_intent.payment_failed", waiting.GatewayReference));

        var failed = await host.GetAsync(waiting.RechargeId);
        Assert.Equal((RechargeStatus.Failed, "action_expired"), (failed.Status, failed.Failure.Code));
    }

    private static async Task<Recharge> PaidAsync(StripeLocalHost host, string key)
    {
        var request = StripeLocalHost.Request("BR", Pix);
        request.IdempotencyKey = key;
        var waiting = (await host.Recharges.CreateRechargeAsync(request)).Recharge;
        host.Stripe.CompleteAuthentication(waiting.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_" + key, "payment_intent.succeeded", waiting.GatewayReference));
        return await host.GetAsync(waiting.RechargeId);
    }
}
