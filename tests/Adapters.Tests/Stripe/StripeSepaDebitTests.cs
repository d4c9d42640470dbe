using PaymentCore.Adapters.Stripe;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>SEPA Direct Debit through the Stripe adapter, against the loopback server speaking Stripe's wire format.</summary>
public sealed class StripeSepaDebitTests : IAsyncLifetime
{
    private const string Secret = "whsec_sepa";
    private static readonly Money Price = new("EUR", 549);
    private static readonly SepaDebitInstrument Debit = new("pm_1SepaDebitFromStripeJs", "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)");

    private StripeStub _stripe = null!;

    public async Task InitializeAsync() => _stripe = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task SepaDebit_SendsTheTokenWithTheOnlineMandateInEur_AndAnswersProcessing()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(Price), default);

        var processing = Assert.IsType<GatewayOutcome.Processing>(outcome);
        var request = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Equal("rch_1:charge", request.Header("Idempotency-Key"));
        var form = request.Form;
        Assert.Equal(("549", "eur", "sepa_debit", Debit.GatewayToken, "true"), (form["amount"], form["currency"], form["allowed_payment_method_types[0]"], form["payment_method"], form["confirm"]));
        Assert.Equal("online", form["mandate_data[customer_acceptance][type]"]);
        Assert.Equal((Debit.MandateIpAddress, Debit.MandateUserAgent), (form["mandate_data[customer_acceptance][online][ip_address]"], form["mandate_data[customer_acceptance][online][user_agent]"]));
        Assert.False(form.ContainsKey("payment_method_data[type]"));
        Assert.Equal("processing", _stripe.Intent(processing.GatewayReference)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SepaDebit_StillCollecting_LookupAnswersProcessing_ThenTheCollectedDebitSucceeds()
    {
        var gateway = _stripe.Gateway();
        var processing = Assert.IsType<GatewayOutcome.Processing>(await gateway.ChargeAsync(Charge(Price), default));

        var still = await gateway.LookupAsync(processing.GatewayReference, default);
        _stripe.SettleDebit(processing.GatewayReference);
        var collected = await gateway.LookupAsync(processing.GatewayReference, default);

        Assert.Equal(processing, still);
        Assert.Equal(new GatewayOutcome.Succeeded(processing.GatewayReference), collected);
    }

    [Theory]
    [InlineData("insufficient_funds", "insufficient_funds")]
    [InlineData("debit_not_authorized", "debit_failed")]
    [InlineData("account_closed", "debit_failed")]
    public async Task SepaDebit_RefusedByTheBank_IsDeclinedWithADebitCode_ByLookupAndByEvent(string stripeCode, string code)
    {
        var gateway = _stripe.Gateway();
        var processing = Assert.IsType<GatewayOutcome.Processing>(await gateway.ChargeAsync(Charge(Price), default));

        _stripe.FailDebit(processing.GatewayReference, stripeCode);
        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(processing.GatewayReference, default));
        var failed = Assert.IsType<GatewayEvent.PaymentFailed>(Verified(StripeEvents.Event("evt_f", "payment_intent.payment_failed", _stripe.Intent(processing.GatewayReference), DateTimeOffset.UtcNow)));

        Assert.Equal((code, stripeCode), (declined.Code, declined.GatewayCode));
        Assert.DoesNotContain("card", declined.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((processing.GatewayReference, code), (failed.GatewayReference, failed.Code));
    }

    [Theory]
    [InlineData("lost", typeof(GatewayEvent.DisputeLost))]
    [InlineData("needs_response", typeof(GatewayEvent.DisputeOpened))]
    public async Task DisputeCreated_AlreadyLost_IsTheLoss_AsAReturnedSepaDebitIs(string status, Type expected)
    {
        var processing = Assert.IsType<GatewayOutcome.Processing>(await _stripe.Gateway().ChargeAsync(Charge(Price), default));
        _stripe.SettleDebit(processing.GatewayReference);

        var dispute = Verified(StripeEvents.Event("evt_d", "charge.dispute.created", _stripe.Dispute(processing.GatewayReference, "dp_1", status), DateTimeOffset.UtcNow));

        Assert.IsType(expected, dispute);
        Assert.Equal(processing.GatewayReference, dispute.GatewayReference);
    }

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("USD", false)]
    [InlineData("BRL", false)]
    public void Capabilities_OfferSepaDebitInEurOnly(string currency, bool offered) =>
        Assert.Equal(offered, _stripe.Gateway().Capabilities.Supports(PaymentMethodType.SepaDebit, currency, "DE"));

    [Fact]
    public async Task SepaDebit_InAnotherCurrency_IsNotSupportedAndNothingIsSent()
    {
        Assert.IsType<GatewayOutcome.NotSupported>(await _stripe.Gateway().ChargeAsync(Charge(new Money("USD", 499)), default));
        Assert.Empty(_stripe.Server.Requests);
    }

    private static GatewayEvent Verified(byte[] body)
    {
        var now = DateTimeOffset.UtcNow;
        var outcome = new StripeWebhooks(Secret, TimeSpan.FromMinutes(5)).Parse(
            new WebhookDelivery(body, new Dictionary<string, string> { ["Stripe-Signature"] = StripeEvents.Signature(body, Secret, now) }, now));
        return Assert.IsType<WebhookOutcome.Verified>(outcome).Event;
    }

    private static GatewayRequest Charge(Money amount) => new("rch_1:charge", amount, "DE", Debit, "rch_1", "525 coins");
}
