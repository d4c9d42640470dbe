using System.Net;
using Grpc.Core;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// Konbini through Stripe on the real host and Redis: the voucher waits days for the payer without
/// the reconciler taking the wait for a stuck payment, the payment at the store credits once however
/// it is heard, and a voucher not paid by its expiry fails cleanly and gives its reservation back.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class KonbiniRechargeTests(RedisSingleNodeFixture redis)
{
    private static readonly PaymentMethod Konbini = new() { Konbini = new KonbiniMethod { PayerName = "山田 花子", PayerEmail = "hanako@example.jp" } };

    [Fact]
    public async Task ListPackages_Japan_OffersKonbini_OtherRegionsDoNot()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        Assert.Contains("konbini", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" })).PaymentMethods);
        Assert.DoesNotContain("konbini", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "BR" })).PaymentMethods);
    }

    [Fact]
    public async Task Konbini_ShowsTheVoucher_WaitsPastTheReconcilersPatience_ThenPaidAtTheStoreCreditsOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis, abandonActionAfter: "00:00:00.001");

        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("JP", Konbini))).Recharge;
        await host.ReconcileAsync();
        var afterPass = await host.GetAsync(waiting.RechargeId);

        var id = waiting.GatewayReference;
        Assert.Equal((RechargeStatus.RequiresAction, PaymentMethodType.Konbini), (waiting.Status, waiting.PaymentMethodType));
        Assert.Equal(NextActionType.DisplayVoucher, waiting.NextAction.Type);
        Assert.Equal(StripeStub.KonbiniVoucherUrl + id, waiting.NextAction.RedirectUrl);
        Assert.Equal(waiting.NextAction.RedirectUrl, waiting.NextAction.VoucherDetails.HostedVoucherUrl);
        Assert.Equal(["familymart", "lawson", "ministop", "seicomart"], waiting.NextAction.VoucherDetails.Stores.Select(s => s.Store));
        Assert.Equal("123456", waiting.NextAction.VoucherDetails.Stores[1].PaymentCode);
        Assert.True(waiting.NextAction.ExpiresAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(2));
        Assert.Equal((RechargeStatus.RequiresAction, waiting.NextAction), (afterPass.Status, afterPass.NextAction));

        host.Stripe.CompleteAuthentication(id);
        await Task.WhenAll(
            host.SendIntentEventAsync("evt_konbini_paid", "payment_intent.succeeded", id),
            host.SendIntentEventAsync("evt_konbini_paid", "payment_intent.succeeded", id),
            host.ReconcileAsync());

        Assert.Equal(RechargeStatus.Succeeded, (await host.GetAsync(waiting.RechargeId)).Status);
        await host.Server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == waiting.RechargeId));
        await host.Server.QuietAsync();
        Assert.Single(host.Server.Wallet.For(waiting.RechargeId));
    }

    [Fact]
    public async Task Konbini_DuplicateStorm_IssuesOneVoucher()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var request = StripeLocalHost.Request("JP", Konbini);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (await host.Recharges.CreateRechargeAsync(request)).Recharge.NextAction.VoucherDetails.Stores[0].ConfirmationNumber;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return "in progress";
            }
        }));

        Assert.Single(host.Stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Single(answers.Where(a => a != "in progress").Distinct());
    }

    [Fact]
    public async Task Konbini_ForgedPaymentReport_MovesNothing()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var waiting = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("JP", Konbini))).Recharge;
        var claimed = host.Stripe.Intent(waiting.GatewayReference).DeepClone().AsObject();
        claimed["status"] = "succeeded";
        claimed["amount_received"] = claimed["amount"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.BadRequest, await host.SendEventAsync("evt_forged", "payment_intent.succeeded", claimed, secret: "whsec_someone_else"));

        Assert.Equal(RechargeStatus.RequiresAction, (await host.GetAsync(waiting.RechargeId)).Status);
        await host.Server.QuietAsync();
        Assert.Empty(host.Server.Wallet.For(waiting.RechargeId));
    }

    [Fact]
    public async Task Konbini_VoucherExpired_FailsActionExpired_AndGivesTheLimitReservationBack()
    {
        await using var host = await StripeLocalHost.StartAsync(redis, stripe => stripe.KonbiniExpiresAfter = TimeSpan.FromSeconds(1));

        await host.Payments("JP", Konbini).Lapsed_FailsActionExpired_AndReleasesTheReservationAsync(host.ReconciledPastItsExpiryAsync);
    }

    [Fact]
    public async Task Konbini_PayerWithoutNameOrEmail_IsRefusedWithBothFields()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("JP", new PaymentMethod { Konbini = new KonbiniMethod { PayerEmail = "not-an-address" } })).ResponseAsync);

        Assert.Equal(
            ["payment_method.konbini.payer_email", "payment_method.konbini.payer_name"],
            status.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).Order());
        Assert.Empty(host.Stripe.Server.Requests);
    }
}
