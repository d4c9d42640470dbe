namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>Konbini through the Stripe adapter, against the loopback server speaking Stripe's wire format.</summary>
public sealed class StripeKonbiniTests : IAsyncLifetime
{
    private static readonly KonbiniInstrument Shopper = new("山田 花子", "hanako@example.jp");

    private StripeStub _stripe = null!;

    public async Task InitializeAsync() => _stripe = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task Konbini_SendsAConfirmedKonbiniIntentWithThePayer_AndShowsTheVoucherPerStoreWithItsExpiry()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(new Money("JPY", 800)), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        var id = action.GatewayReference;
        var stripeAction = _stripe.Intent(id)["next_action"]!["konbini_display_details"]!;
        Assert.Equal(new Uri(StripeStub.KonbiniVoucherUrl + id), action.RedirectUrl);
        Assert.Null(action.QrCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(stripeAction["expires_at"]!.GetValue<long>()), action.ExpiresAt);
        var voucher = action.Voucher!;
        Assert.Equal(action.RedirectUrl, voucher.HostedVoucherUrl);
        Assert.Equal(["familymart", "lawson", "ministop", "seicomart"], voucher.Stores.Select(s => s.Store));
        Assert.Equal(stripeAction["stores"]!["lawson"]!["confirmation_number"]!.GetValue<string>(), voucher.Stores[1].ConfirmationNumber);
        Assert.Equal(("123456", null), (voucher.Stores[1].PaymentCode, voucher.Stores[0].PaymentCode));
        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal(("800", "jpy", "konbini", "konbini", "true"), (form["amount"], form["currency"], form["allowed_payment_method_types[0]"], form["payment_method_data[type]"], form["confirm"]));
        Assert.Equal((Shopper.PayerName, Shopper.PayerEmail), (form["payment_method_data[billing_details][name]"], form["payment_method_data[billing_details][email]"]));
    }

    [Fact]
    public async Task Konbini_PaidAtTheStoreLater_LookupSucceeds_AnExpiredVoucherIsActionExpired()
    {
        var gateway = _stripe.Gateway();
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(new Money("JPY", 800)), default));
        var lapsed = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(new Money("JPY", 800)) with { IdempotencyKey = "rch_2:charge" }, default));

        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.LookupAsync(paid.GatewayReference, default));
        _stripe.CompleteAuthentication(paid.GatewayReference);
        _stripe.FailWalletPayment(lapsed.GatewayReference, "payment_intent_payment_attempt_expired");

        Assert.Equal((paid.Voucher, paid.ExpiresAt), (waiting.Voucher, waiting.ExpiresAt));
        Assert.Equal(new GatewayOutcome.Succeeded(paid.GatewayReference), await gateway.LookupAsync(paid.GatewayReference, default));
        Assert.Equal("action_expired", Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(lapsed.GatewayReference, default)).Code);
    }

    [Theory]
    [InlineData("JPY", true)]
    [InlineData("USD", false)]
    public void Capabilities_OfferKonbiniInJpyOnly(string currency, bool offered) =>
        Assert.Equal(offered, _stripe.Gateway().Capabilities.Supports(PaymentMethodType.Konbini, currency, "JP"));

    private static GatewayRequest Charge(Money amount) => new("rch_1:charge", amount, "JP", Shopper, "rch_1", "525 coins");
}
