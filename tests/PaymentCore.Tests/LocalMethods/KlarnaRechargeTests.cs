using System.Net;
using Grpc.Core;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>Klarna through Stripe on the real host and Redis: redirect, then ConfirmRecharge or the webhook, credited once.</summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class KlarnaRechargeTests(RedisSingleNodeFixture redis)
{
    private static readonly PaymentMethod Klarna = new() { Klarna = new KlarnaMethod { ReturnUrl = "https://shop.example/klarna/back", PayerEmail = "erika@example.de" } };

    [Fact]
    public async Task ListPackages_Germany_OffersKlarnaNextToSepaDebit_JapanDoesNot()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        var germany = (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "DE" })).PaymentMethods;
        Assert.Equal(["sepa_debit", "klarna"], germany.Where(m => m is "sepa_debit" or "klarna"));
        Assert.Contains("card", germany);
        Assert.DoesNotContain("klarna", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" })).PaymentMethods);
    }

    [Fact]
    public async Task Klarna_RedirectsThePayer_ThenConfirmAndTheWebhookAtOnce_CreditOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("DE", Klarna))).Recharge;

        Assert.Equal((RechargeStatus.RequiresAction, PaymentMethodType.Klarna, NextActionType.RedirectToUrl), (waiting.Status, waiting.PaymentMethodType, waiting.NextAction.Type));
        Assert.Equal(StripeStub.KlarnaUrl + waiting.GatewayReference, waiting.NextAction.RedirectUrl);
        host.Stripe.CompleteAuthentication(waiting.GatewayReference);
        var answers = await Task.WhenAll(
            ConfirmAsync(host, waiting.RechargeId, "back-1"),
            ConfirmAsync(host, waiting.RechargeId, "back-2"),
            host.SendIntentEventAsync("evt_klarna_paid", "payment_intent.succeeded", waiting.GatewayReference).ContinueWith(t => t.Result.ToString(), TaskScheduler.Default));

        Assert.Contains(nameof(RechargeStatus.Succeeded), answers);
        Assert.Equal(RechargeStatus.Succeeded, (await host.GetAsync(waiting.RechargeId)).Status);
        await host.Server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == waiting.RechargeId));
        await host.Server.QuietAsync();
        Assert.Single(host.Server.Wallet.For(waiting.RechargeId));
    }

    [Fact]
    public async Task Klarna_CompletedByTheWebhookAlone_Succeeds_AForgedOneBeforeMovedNothing()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("DE", Klarna))).Recharge;

        Assert.Equal(HttpStatusCode.BadRequest, await host.SendIntentEventAsync("evt_forged", "payment_intent.succeeded", waiting.GatewayReference, secret: "whsec_someone_else"));
        Assert.Equal(RechargeStatus.RequiresAction, (await host.GetAsync(waiting.RechargeId)).Status);
        host.Stripe.CompleteAuthentication(waiting.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_klarna_paid", "payment_intent.succeeded", waiting.GatewayReference));

        Assert.Equal(RechargeStatus.Succeeded, (await host.GetAsync(waiting.RechargeId)).Status);
        await host.Server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == waiting.RechargeId));
        await host.Server.QuietAsync();
        Assert.Single(host.Server.Wallet.For(waiting.RechargeId));
    }

    [Fact]
    public async Task Klarna_RefusedAtKlarna_FailsAndGivesTheLimitBack()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var request = StripeLocalHost.Request("DE", Klarna);
        var waiting = (await host.Recharges.CreateRechargeAsync(request)).Recharge;

        host.Stripe.FailWalletPayment(waiting.GatewayReference, "payment_intent_authentication_failure");
        var failed = (await host.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "back", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal((RechargeStatus.Failed, "authentication_failed"), (failed.Status, failed.Failure.Code));
        Assert.Equal(0, await host.AmountUsedAsync(request.UserId, "DE"));
    }

    private static async Task<string> ConfirmAsync(StripeLocalHost host, string rechargeId, string key)
    {
        try
        {
            return (await host.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = key, RechargeId = rechargeId })).Recharge.Status.ToString();
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Aborted)
        {
            return e.Status.Detail;
        }
    }
}
