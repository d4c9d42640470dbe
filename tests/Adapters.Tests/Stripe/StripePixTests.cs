using PaymentCore.Adapters.Stripe;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>Pix through the Stripe adapter, against the loopback server speaking Stripe's wire format.</summary>
public sealed class StripePixTests : IAsyncLifetime
{
    private static readonly Money Price = new("BRL", 2790);

    private StripeStub _stripe = null!;

    public async Task InitializeAsync() => _stripe = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task Pix_SendsAConfirmedPixIntentInBrl_AndShowsTheQrCodeTheCopyPasteCodeAndTheExpiry()
    {
        var before = DateTimeOffset.UtcNow;
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(Price), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        var id = action.GatewayReference;
        Assert.Equal(new Uri(StripeStub.PixInstructionsUrl + id), action.RedirectUrl);
        Assert.Equal(new QrCode(StripeStub.PixCode + id, new Uri(StripeStub.PixQrImage + id + ".png"), new Uri(StripeStub.PixQrImage + id + ".svg")), action.QrCode);
        Assert.InRange(action.ExpiresAt!.Value, before.AddDays(1).AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(1).AddSeconds(1));
        var request = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Equal("rch_1:charge", request.Header("Idempotency-Key"));
        var form = request.Form;
        Assert.Equal(("2790", "brl", "pix", "pix", "true"), (form["amount"], form["currency"], form["allowed_payment_method_types[0]"], form["payment_method_data[type]"], form["confirm"]));
        Assert.Equal("rch_1", form["metadata[recharge_id]"]);
        Assert.False(form.ContainsKey("payment_method"));
        Assert.False(form.ContainsKey("return_url"));
    }

    [Fact]
    public async Task Pix_NotPaidYet_LookupAnswersTheSameCode_ThenThePaidPaymentSucceeds()
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default));

        var waiting = await gateway.LookupAsync(action.GatewayReference, default);
        _stripe.CompleteAuthentication(action.GatewayReference);
        var paid = await gateway.LookupAsync(action.GatewayReference, default);

        Assert.Equal(action, waiting);
        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), paid);
    }

    [Fact]
    public async Task Pix_CodeExpired_IsDeclinedAsActionExpired()
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default));

        _stripe.FailWalletPayment(action.GatewayReference, "payment_intent_payment_attempt_expired");
        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(action.GatewayReference, default));

        Assert.Equal(("action_expired", "payment_intent_payment_attempt_expired"), (declined.Code, declined.GatewayCode));
    }

    [Fact]
    public async Task Pix_ExpiredEvent_FailsAsActionExpired()
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await _stripe.Gateway().ChargeAsync(Charge(Price), default));
        _stripe.FailWalletPayment(action.GatewayReference, "payment_intent_payment_attempt_expired");
        var webhooks = new StripeWebhooks("whsec_pix", TimeSpan.FromMinutes(5));
        var now = DateTimeOffset.UtcNow;
        var body = StripeEvents.Event("evt_pix", "payment_intent.payment_failed", _stripe.Intent(action.GatewayReference), now);

        var outcome = webhooks.Parse(new WebhookDelivery(body, new Dictionary<string, string> { ["Stripe-Signature"] = StripeEvents.Signature(body, "whsec_pix", now) }, now));

        var failed = Assert.IsType<GatewayEvent.PaymentFailed>(Assert.IsType<WebhookOutcome.Verified>(outcome).Event);
        Assert.Equal((action.GatewayReference, "action_expired"), (failed.GatewayReference, failed.Code));
    }

    [Theory]
    [InlineData("BRL", true)]
    [InlineData("USD", false)]
    [InlineData("EUR", false)]
    public void Capabilities_OfferPixInBrlOnly(string currency, bool offered) =>
        Assert.Equal(offered, _stripe.Gateway().Capabilities.Supports(PaymentMethodType.Pix, currency, "BR"));

    [Fact]
    public async Task Pix_InAnotherCurrency_IsNotSupportedAndNothingIsSent()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(new Money("USD", 499)), default);

        Assert.IsType<GatewayOutcome.NotSupported>(outcome);
        Assert.Empty(_stripe.Server.Requests);
    }

    [Theory]
    [InlineData(PaymentMethodType.Pix, 90, false)]
    [InlineData(PaymentMethodType.Pix, 89, true)]
    [InlineData(PaymentMethodType.Konbini, 400, true)]
    [InlineData(PaymentMethodType.SepaDebit, 400, true)]
    [InlineData(PaymentMethodType.Klarna, 400, true)]
    public async Task Refund_ALocalMethodPastItsRefundWindow_IsNotSupportedAndNothingIsSent(PaymentMethodType method, int days, bool asksStripe)
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Price), default));
        _stripe.CompleteAuthentication(action.GatewayReference);

        var refund = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:1", action.GatewayReference, Price, "rfd_1", method, TimeSpan.FromDays(days)), default);

        Assert.Equal(asksStripe, refund is RefundOutcome.Refunded);
        Assert.Equal(asksStripe ? 1 : 0, _stripe.Server.RequestsTo("POST", "/v1/refunds").Count());
        Assert.Equal(!asksStripe, refund is RefundOutcome.NotSupported { Reason: var why } && why.Contains("90 days", StringComparison.Ordinal));
    }

    private static GatewayRequest Charge(Money amount) => new("rch_1:charge", amount, "BR", new PixInstrument(), "rch_1", "525 coins");
}
