namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>Klarna through the Stripe adapter, against the loopback server speaking Stripe's wire format.</summary>
public sealed class StripeKlarnaTests : IAsyncLifetime
{
    private static readonly KlarnaInstrument Buyer = new(new Uri("https://shop.example/klarna/back"), "erika@example.de");

    private StripeStub _stripe = null!;

    public async Task InitializeAsync() => _stripe = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task Klarna_SendsTheEmailTheRegionAsCountryAndTheReturnUrl_AndRedirectsThePayer()
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await _stripe.Gateway().ChargeAsync(Charge(), default));

        Assert.Equal(new Uri(StripeStub.KlarnaUrl + action.GatewayReference), action.RedirectUrl);
        Assert.Equal((null, null, null), (action.QrCode, action.Voucher, action.ExpiresAt));
        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal(("549", "eur", "klarna", "klarna", "true"), (form["amount"], form["currency"], form["allowed_payment_method_types[0]"], form["payment_method_data[type]"], form["confirm"]));
        Assert.Equal((Buyer.PayerEmail, "DE", Buyer.ReturnUrl.ToString()), (form["payment_method_data[billing_details][email]"], form["payment_method_data[billing_details][address][country]"], form["return_url"]));
    }

    [Fact]
    public async Task Klarna_ApprovedAtKlarna_ConfirmSucceeds_RefusedIsAWalletDecline()
    {
        var gateway = _stripe.Gateway();
        var approved = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        var refused = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge() with { IdempotencyKey = "rch_2:charge" }, default));

        _stripe.CompleteAuthentication(approved.GatewayReference);
        _stripe.FailWalletPayment(refused.GatewayReference, "payment_intent_authentication_failure");

        Assert.Equal(new GatewayOutcome.Succeeded(approved.GatewayReference), await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", approved.GatewayReference), default));
        Assert.Equal("authentication_failed", Assert.IsType<GatewayOutcome.Declined>(await gateway.ConfirmAsync(new GatewayConfirmation("rch_2:confirm", refused.GatewayReference), default)).Code);
    }

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("JPY", false)]
    public void Capabilities_OfferKlarnaInEur(string currency, bool offered) =>
        Assert.Equal(offered, _stripe.Gateway().Capabilities.Supports(PaymentMethodType.Klarna, currency, "DE"));

    private static GatewayRequest Charge() => new("rch_1:charge", new Money("EUR", 549), "DE", Buyer, "rch_1", "525 coins");
}
