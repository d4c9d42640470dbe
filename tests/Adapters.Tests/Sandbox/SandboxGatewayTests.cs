using PaymentCore.Adapters.Sandbox;

namespace PaymentCore.Adapters.Tests.Sandbox;

/// <summary>The Sandbox's refunds and webhooks: deterministic, like its charges.</summary>
public sealed class SandboxGatewayTests
{
    [Fact]
    public async Task Refund_UpToTheCharge_IsRefundedIdempotentlyAndBeyondItDeclined()
    {
        var gateway = new SandboxGateway();
        var paid = Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ChargeAsync(Pay(SandboxTokens.Ok), default));

        var part = await gateway.RefundAsync(new GatewayRefund("r1", paid.GatewayReference, new Money("USD", 300), "rch"), default);
        var replay = await gateway.RefundAsync(new GatewayRefund("r1", paid.GatewayReference, new Money("USD", 300), "rch"), default);
        var tooMuch = await gateway.RefundAsync(new GatewayRefund("r2", paid.GatewayReference, new Money("USD", 200), "rch"), default);
        var rest = await gateway.RefundAsync(new GatewayRefund("r3", paid.GatewayReference, new Money("USD", 199), "rch"), default);

        Assert.IsType<RefundOutcome.Refunded>(part);
        Assert.Equal(part, replay);
        Assert.Equal("refund_exceeds_payment", Assert.IsType<RefundOutcome.Declined>(tooMuch).Code);
        Assert.IsType<RefundOutcome.Refunded>(rest);
    }

    [Fact]
    public async Task Refund_OfThreeDSecurePaymentAfterConfirm_KnowsItsAmount()
    {
        var gateway = new SandboxGateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.ThreeDSecure), default));
        await gateway.ConfirmAsync(new GatewayConfirmation("c", action.GatewayReference), default);

        var tooMuch = await gateway.RefundAsync(new GatewayRefund("r", action.GatewayReference, new Money("USD", 500), "rch"), default);

        Assert.IsType<RefundOutcome.Declined>(tooMuch);
    }

    [Fact]
    public async Task Ledger_PastItsCapacity_ForgetsTheOldestChargesButKeepsCountingAndLookingUp()
    {
        var gateway = new SandboxGateway(ledgerCapacity: 3);
        var charges = new List<GatewayOutcome.Succeeded>();
        for (var i = 0; i < 5; i++)
        {
            var request = new GatewayRequest($"rch_{i}:charge", new Money("USD", 499), "US", new SandboxInstrument(SandboxTokens.Ok), $"rch_{i}", "100 coins");
            charges.Add(Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ChargeAsync(request, default)));
        }

        var forgotten = await gateway.RefundAsync(new GatewayRefund("r0", charges[0].GatewayReference, new Money("USD", 100), "rch_0"), default);
        var remembered = await gateway.RefundAsync(new GatewayRefund("r4", charges[4].GatewayReference, new Money("USD", 500), "rch_4"), default);

        Assert.Equal(5, gateway.ChargeCount);
        Assert.Equal("payment_not_found", Assert.IsType<RefundOutcome.Declined>(forgotten).Code);
        Assert.Equal("refund_exceeds_payment", Assert.IsType<RefundOutcome.Declined>(remembered).Code);
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.LookupAsync(charges[0].GatewayReference, default));
    }

    [Fact]
    public async Task Refund_OfUnknownPayment_IsDeclined()
    {
        var outcome = await new SandboxGateway().RefundAsync(new GatewayRefund("r", "sbx_ch_nothing", new Money("USD", 1), "rch"), default);

        Assert.Equal("payment_not_found", Assert.IsType<RefundOutcome.Declined>(outcome).Code);
    }

    [Fact]
    public async Task Webhook_WithoutASecret_IsNeverTrusted()
    {
        var outcome = await new SandboxGateway().ParseWebhookAsync(
            new WebhookDelivery("{}"u8.ToArray(), new Dictionary<string, string>(), DateTimeOffset.UtcNow), default);

        Assert.IsType<WebhookOutcome.NotVerified>(outcome);
    }

    [Fact]
    public async Task Webhook_SignedWithTheSecret_IsReadAndATamperedOneIsNot()
    {
        var gateway = new SandboxGateway(webhookSecret: "whsec_test");
        var body = """{"id":"evt_1","type":"dispute.lost","reference":"sbx_ch_1","dispute_id":"dp_1","amount":{"currency":"USD","minor_units":499},"occurred_at":"2026-11-25T10:00:00Z"}"""u8.ToArray();
        var headers = new Dictionary<string, string> { [SandboxWebhooks.SignatureHeader] = SandboxWebhooks.Sign(body, "whsec_test") };

        var verified = await gateway.ParseWebhookAsync(new WebhookDelivery(body, headers, DateTimeOffset.UtcNow), default);
        body[^3] = (byte)'9';
        var tampered = await gateway.ParseWebhookAsync(new WebhookDelivery(body, headers, DateTimeOffset.UtcNow), default);

        var lost = Assert.IsType<GatewayEvent.DisputeLost>(Assert.IsType<WebhookOutcome.Verified>(verified).Event);
        Assert.Equal(("evt_1", "sbx_ch_1", "dp_1", new Money("USD", 499)), (lost.EventId, lost.GatewayReference, lost.DisputeReference, lost.Amount));
        Assert.IsType<WebhookOutcome.NotVerified>(tampered);
    }

    private static GatewayRequest Pay(string token) => new("rch_1:charge", new Money("USD", 499), "US", new SandboxInstrument(token), "rch_1", "100 coins");

    [Fact]
    public async Task Lookup_AfterARestart_FindsTheTimedOutChargeSucceeded()
    {
        var before = new SandboxGateway();
        var timedOut = Assert.IsType<GatewayOutcome.Unknown>(await before.ChargeAsync(
            new GatewayRequest("rch_t:charge", new Money("USD", 499), "US", new SandboxInstrument(SandboxTokens.Timeout), "rch_t", "500 coins"), default));

        var outcome = await new SandboxGateway().LookupAsync(timedOut.GatewayReference!, default);

        Assert.Equal(timedOut.GatewayReference, Assert.IsType<GatewayOutcome.Succeeded>(outcome).GatewayReference);
    }
}
