namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>Alipay and WeChat Pay through the Stripe adapter, against the loopback server speaking Stripe's wire format.</summary>
public sealed class StripeWalletTests : IAsyncLifetime
{
    private static readonly Uri PayerReturnUrl = new("https://shop.example/alipay-done");

    private StripeStub _stripe = null!;

    public async Task InitializeAsync() => _stripe = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task Alipay_SendsAConfirmedAlipayIntentWithTheIdempotencyKey_AndRedirectsThePayer()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(PaymentMethodType.Alipay, new Money("JPY", 800), PayerReturnUrl), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Equal(new Uri(StripeStub.AlipayUrl + action.GatewayReference), action.RedirectUrl);
        Assert.Null(action.QrCode);
        var request = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Equal("rch_1:charge", request.Header("Idempotency-Key"));
        var form = request.Form;
        Assert.Equal("800", form["amount"]);
        Assert.Equal("jpy", form["currency"]);
        Assert.Equal("alipay", form["allowed_payment_method_types[0]"]);
        Assert.Equal("alipay", form["payment_method_data[type]"]);
        Assert.Equal("true", form["confirm"]);
        Assert.Equal(PayerReturnUrl.ToString(), form["return_url"]);
        Assert.Equal("rch_1", form["metadata[recharge_id]"]);
        Assert.False(form.ContainsKey("payment_method"));
        Assert.False(form.ContainsKey("payment_method_options[wechat_pay][client]"));
    }

    [Fact]
    public async Task WeChatPay_AsksForTheWebClient_AndShowsTheQrCodeWithStripesPageAsRedirect()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(PaymentMethodType.WeChatPay, new Money("EUR", 549), returnUrl: null), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        var id = action.GatewayReference;
        Assert.Equal(new Uri(StripeStub.WeChatPayInstructionsUrl + id), action.RedirectUrl);
        Assert.Equal(
            new QrCode(StripeStub.WeChatPayQrData + id, new Uri(StripeStub.WeChatPayQrImage + id + ".png"), new Uri(StripeStub.WeChatPayQrImage + id + ".svg")),
            action.QrCode);
        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal(("549", "eur"), (form["amount"], form["currency"]));
        Assert.Equal("wechat_pay", form["allowed_payment_method_types[0]"]);
        Assert.Equal("wechat_pay", form["payment_method_data[type]"]);
        Assert.Equal("web", form["payment_method_options[wechat_pay][client]"]);
        Assert.False(form.ContainsKey("return_url"));
    }

    [Theory]
    [InlineData(PaymentMethodType.Alipay)]
    [InlineData(PaymentMethodType.WeChatPay)]
    public async Task Wallet_NotPaidYet_ConfirmAnswersTheSameAction_ThenThePaidPaymentSucceeds(PaymentMethodType wallet)
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(Charge(wallet, new Money("JPY", 800), PayerReturnUrl), default));

        var waiting = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);
        _stripe.CompleteAuthentication(action.GatewayReference);
        var paid = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);

        Assert.Equal(action, waiting);
        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), paid);
        Assert.Empty(_stripe.Server.RequestsTo("POST", $"/v1/payment_intents/{action.GatewayReference}/confirm"));
    }

    [Theory]
    [InlineData(PaymentMethodType.Alipay, "payment_intent_authentication_failure", "authentication_failed")]
    [InlineData(PaymentMethodType.WeChatPay, "payment_intent_payment_attempt_expired", "action_expired")]
    [InlineData(PaymentMethodType.Alipay, "payment_method_provider_decline", "payment_declined")]
    public async Task Wallet_PayerFailsOrLetsTheApprovalLapse_IsDeclinedWithAWalletCode(PaymentMethodType wallet, string stripeCode, string code)
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(Charge(wallet, new Money("USD", 499), PayerReturnUrl), default));

        _stripe.FailWalletPayment(action.GatewayReference, stripeCode);
        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(action.GatewayReference, default));

        Assert.Equal((action.GatewayReference, code, stripeCode), (declined.GatewayReference, declined.Code, declined.GatewayCode));
        Assert.DoesNotContain("card", declined.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(PaymentMethodType.Alipay, "BRL", 2790)]
    [InlineData(PaymentMethodType.Alipay, "CHF", 500)]
    [InlineData(PaymentMethodType.WeChatPay, "IDR", 7900000)]
    public async Task Wallet_InACurrencyStripeDoesNotTakeForIt_IsNotSupportedAndNothingIsSent(PaymentMethodType wallet, string currency, long minorUnits)
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(wallet, new Money(currency, minorUnits), PayerReturnUrl), default);

        Assert.IsType<GatewayOutcome.NotSupported>(outcome);
        Assert.Empty(_stripe.Server.Requests);
    }

    [Fact]
    public async Task Alipay_WithoutReturnUrl_IsNotSupportedAndNothingIsSent()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(PaymentMethodType.Alipay, new Money("USD", 499), returnUrl: null), default);

        Assert.IsType<GatewayOutcome.NotSupported>(outcome);
        Assert.Empty(_stripe.Server.Requests);
    }

    [Theory]
    [InlineData(PaymentMethodType.Alipay, "JPY", true)]
    [InlineData(PaymentMethodType.Alipay, "CNY", true)]
    [InlineData(PaymentMethodType.Alipay, "CHF", false)]
    [InlineData(PaymentMethodType.WeChatPay, "CHF", true)]
    [InlineData(PaymentMethodType.WeChatPay, "BRL", false)]
    [InlineData(PaymentMethodType.Card, "BRL", true)]
    public void Capabilities_OfferEachWalletOnlyInItsCurrencies(PaymentMethodType method, string currency, bool offered) =>
        Assert.Equal(offered, _stripe.Gateway().Capabilities.Supports(method, currency, "XX"));

    [Fact]
    public async Task Wallet_PaidPayment_RefundsThroughTheSameIntent()
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(Charge(PaymentMethodType.WeChatPay, new Money("JPY", 800), returnUrl: null), default));
        _stripe.CompleteAuthentication(action.GatewayReference);

        var refund = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:1", action.GatewayReference, new Money("JPY", 300), "rch_1"), default);

        Assert.IsType<RefundOutcome.Refunded>(refund);
        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/refunds")).Form;
        Assert.Equal((action.GatewayReference, "300"), (form["payment_intent"], form["amount"]));
    }

    private static GatewayRequest Charge(PaymentMethodType wallet, Money amount, Uri? returnUrl) =>
        new("rch_1:charge", amount, "JP", new LocalWalletInstrument(wallet, returnUrl), "rch_1", "500 coins");
}
