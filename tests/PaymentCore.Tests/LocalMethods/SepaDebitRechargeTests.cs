using System.Net;
using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Telemetry;
using CoinEventType = PaymentCore.Recharges.CoinEventType;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>
/// SEPA Direct Debit through Stripe on the real host and Redis: the recharge stays PROCESSING for as
/// long as the bank collects (the reconciler does not settle it early), credits once when the money
/// arrives, fails and gives its limits back when the bank refuses, and a debit returned after
/// success is a chargeback that debits the coins once. The IBAN never enters.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class SepaDebitRechargeTests(RedisSingleNodeFixture redis)
{
    private const string Iban = "DE89370400440532013000";

    private static PaymentMethod Debit(string token = "pm_1SepaDebitFromStripeJs") => new()
    {
        SepaDebit = new SepaDebitMethod { GatewayToken = token, MandateIpAddress = "203.0.113.7", MandateUserAgent = "Mozilla/5.0 (X11; Linux x86_64)" },
    };

    [Fact]
    public async Task ListPackages_Germany_OffersSepaDebit_OtherRegionsDoNot()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        Assert.Contains("sepa_debit", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "DE" })).PaymentMethods);
        Assert.DoesNotContain("sepa_debit", (await host.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" })).PaymentMethods);
    }

    [Fact]
    public async Task SepaDebit_StaysProcessingWithoutNextAction_ThroughReconcilerPasses_ThenTheWebhookCreditsOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis, abandonActionAfter: "00:00:00.001");

        var processing = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("DE", Debit()))).Recharge;
        await host.ReconcileAsync();
        var afterPass = await host.GetAsync(processing.RechargeId);

        Assert.Equal((RechargeStatus.Processing, "stripe", PaymentMethodType.SepaDebit), (processing.Status, processing.Gateway, processing.PaymentMethodType));
        Assert.Null(processing.NextAction);
        Assert.StartsWith("pi_", processing.GatewayReference, StringComparison.Ordinal);
        Assert.Equal((RechargeStatus.Processing, processing.UpdatedAt), (afterPass.Status, afterPass.UpdatedAt));
        await host.Server.QuietAsync();
        Assert.Empty(host.Server.Wallet.For(processing.RechargeId));

        host.Stripe.SettleDebit(processing.GatewayReference);
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_sepa_paid", "payment_intent.succeeded", processing.GatewayReference));
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_sepa_paid", "payment_intent.succeeded", processing.GatewayReference));

        Assert.Equal(RechargeStatus.Succeeded, (await host.GetAsync(processing.RechargeId)).Status);
        await host.Server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == processing.RechargeId));
        await host.Server.QuietAsync();
        Assert.Single(host.Server.Wallet.For(processing.RechargeId));
    }

    [Fact]
    public async Task SepaDebit_DuplicateStorm_DebitsTheBankAccountOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var request = StripeLocalHost.Request("DE", Debit());

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
        var replay = (await host.Recharges.CreateRechargeAsync(request)).Recharge;
        Assert.Equal(RechargeStatus.Processing, replay.Status);
    }

    [Fact]
    public async Task SepaDebit_CollectedThenWebhookAndReconcilerAtOnce_CreditsOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);

        await host.Payments("DE", Debit()).PaidAndToldAtOnce_CreditsOnceAsync(
            processing => host.Stripe.SettleDebit(processing.GatewayReference), host.SucceededWebhookAndReconcilers("evt_sepa_race"));
    }

    [Fact]
    public async Task SepaDebit_ForgedSuccess_MovesNothing()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var processing = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("DE", Debit()))).Recharge;
        var claimed = host.Stripe.Intent(processing.GatewayReference).DeepClone().AsObject();
        claimed["status"] = "succeeded";
        claimed["amount_received"] = claimed["amount"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.BadRequest, await host.SendEventAsync("evt_forged", "payment_intent.succeeded", claimed, secret: "whsec_someone_else"));

        Assert.Equal(RechargeStatus.Processing, (await host.GetAsync(processing.RechargeId)).Status);
        await host.Server.QuietAsync();
        Assert.Empty(host.Server.Wallet.For(processing.RechargeId));
    }

    [Fact]
    public async Task SepaDebit_RefusedByTheBankAfterProcessing_FailsOnce_NoCoins_AndGivesTheLimitBack()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var request = StripeLocalHost.Request("DE", Debit());
        var processing = (await host.Recharges.CreateRechargeAsync(request)).Recharge;
        Assert.True(await host.AmountUsedAsync(request.UserId, "DE") > 0);

        host.Stripe.FailDebit(processing.GatewayReference, "insufficient_funds");
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_sepa_failed", "payment_intent.payment_failed", processing.GatewayReference));
        Assert.Equal(HttpStatusCode.OK, await host.SendIntentEventAsync("evt_sepa_failed", "payment_intent.payment_failed", processing.GatewayReference));
        await host.ReconcileAsync();

        var failed = await host.GetAsync(processing.RechargeId);
        Assert.Equal((RechargeStatus.Failed, "insufficient_funds"), (failed.Status, failed.Failure.Code));
        Assert.Equal(0, await host.AmountUsedAsync(request.UserId, "DE"));
        await host.Server.QuietAsync();
        Assert.Empty(host.Server.Wallet.For(processing.RechargeId));
    }

    [Fact]
    public async Task SepaDebit_ReturnedAfterSuccess_IsAChargebackThatDebitsTheCoinsOnce()
    {
        await using var host = await StripeLocalHost.StartAsync(redis);
        var processing = (await host.Recharges.CreateRechargeAsync(StripeLocalHost.Request("DE", Debit()))).Recharge;
        host.Stripe.SettleDebit(processing.GatewayReference);
        await host.SendIntentEventAsync("evt_sepa_ok", "payment_intent.succeeded", processing.GatewayReference);
        var returned = host.Stripe.Dispute(processing.GatewayReference, "dp_sepa", "lost");

        Assert.Equal(HttpStatusCode.OK, await host.SendEventAsync("evt_sepa_return", "charge.dispute.created", returned));
        Assert.Equal(HttpStatusCode.OK, await host.SendEventAsync("evt_sepa_return", "charge.dispute.created", returned));
        Assert.Equal(HttpStatusCode.OK, await host.SendEventAsync("evt_sepa_closed", "charge.dispute.closed", returned));

        Assert.Equal(RechargeStatus.Reversed, (await host.GetAsync(processing.RechargeId)).Status);
        await host.Server.Wallet.WaitForAsync(events => events.Count(e => e.RechargeId == processing.RechargeId) >= 2);
        await host.Server.QuietAsync();
        var events = host.Server.Wallet.For(processing.RechargeId);
        Assert.Equal([CoinEventType.Credit, CoinEventType.Debit], events.Select(e => e.Type));
        Assert.Equal((525, "chargeback_lost"), (events[1].Coins, events[1].Reason));
    }

    [Theory]
    [InlineData(Iban)]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("de89370400440532013000")]
    public async Task SepaDebit_AnIbanInsteadOfTheToken_IsRefused_NothingIsSent_AndTheLogsNeverHoldIt(string iban)
    {
        CapturedLogs? logs = null;
        await using (var host = await StripeLocalHost.StartAsync(redis, services: services => CapturedLogs.AddTo(services, captured => logs = captured)))
        {
            var request = StripeLocalHost.Request("DE", Debit(iban));
            request.Risk = new RiskContext { DeviceId = Iban };

            var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () => host.Recharges.CreateRechargeAsync(request).ResponseAsync);

            var violation = Assert.Single(status.GetDetail<Google.Rpc.BadRequest>().FieldViolations, v => v.Field == "payment_method.sepa_debit.gateway_token");
            Assert.DoesNotContain(iban, violation.Description, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(host.Stripe.Server.Requests);
            Assert.Empty((await host.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = request.UserId })).Recharges);
        }

        Assert.DoesNotContain("370400440532013000", logs!.Text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
