using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>The Stripe adapter, through Stripe.net, against a loopback server speaking Stripe's wire format.</summary>
public sealed class StripeGatewayTests : IAsyncLifetime
{
    private StripeStub _stripe = null!;

    public async Task InitializeAsync() => _stripe = await StripeStub.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task Charge_Card_SendsConfirmedIntentWithIdempotencyKeyAndSucceeds()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)), default);

        var succeeded = Assert.IsType<GatewayOutcome.Succeeded>(outcome);
        var request = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
        Assert.Equal($"Bearer {StripeStub.ApiKey}", request.Header("Authorization"));
        Assert.Equal("rch_1:charge", request.Header("Idempotency-Key"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        var form = request.Form;
        Assert.Equal("499", form["amount"]);
        Assert.Equal("usd", form["currency"]);
        Assert.Equal("pm_card_visa", form["payment_method"]);
        Assert.Equal("true", form["confirm"]);
        Assert.Equal("card", form["allowed_payment_method_types[0]"]);
        Assert.Equal(StripeStub.ReturnUrl.ToString(), form["return_url"]);
        Assert.Equal("rch_1", form["metadata[recharge_id]"]);
        Assert.Equal(_stripe.Intent(succeeded.GatewayReference)["id"]!.GetValue<string>(), succeeded.GatewayReference);
    }

    [Fact]
    public async Task Charge_SteppedUp_AsksStripeForThreeDSecureOnlyThen()
    {
        await _stripe.Gateway().ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)) with { StepUp = true }, default);

        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal("any", form["payment_method_options[card][request_three_d_secure]"]);
    }

    [Fact]
    public async Task Charge_NotSteppedUp_LeavesThreeDSecureToStripe()
    {
        await _stripe.Gateway().ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)), default);

        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.False(form.ContainsKey("payment_method_options[card][request_three_d_secure]"));
    }

    [Fact]
    public async Task Charge_RetriedWithSameKey_ChargesOnce()
    {
        var gateway = _stripe.Gateway();

        var first = await gateway.ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)), default);
        var second = await gateway.ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)), default);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Charge_ThreeDSecure_RequiresActionThenConfirmReadsTheCompletedPayment()
    {
        var gateway = _stripe.Gateway();

        var outcome = await gateway.ChargeAsync(Charge("pm_card_authenticationRequired", new Money("EUR", 1299)), default);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(outcome);
        Assert.Equal(new Uri(StripeStub.ThreeDSecureUrl + action.GatewayReference), action.RedirectUrl);

        _stripe.CompleteAuthentication(action.GatewayReference);
        var confirmed = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);

        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), confirmed);
        Assert.Empty(_stripe.Server.RequestsTo("POST", $"/v1/payment_intents/{action.GatewayReference}/confirm"));
    }

    [Fact]
    public async Task Confirm_IntentAwaitingConfirmation_ConfirmsWithTheConfirmationKey()
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(Charge("pm_card_authenticationRequired", new Money("EUR", 1299)), default));
        _stripe.CompleteAuthentication(action.GatewayReference, status: "requires_confirmation");

        var confirmed = await gateway.ConfirmAsync(new GatewayConfirmation("rch_1:confirm", action.GatewayReference), default);

        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), confirmed);
        var confirm = Assert.Single(_stripe.Server.RequestsTo("POST", $"/v1/payment_intents/{action.GatewayReference}/confirm"));
        Assert.Equal("rch_1:confirm", confirm.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Lookup_AuthenticationPending_StillRequiresAction()
    {
        var gateway = _stripe.Gateway();
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await gateway.ChargeAsync(Charge("pm_card_authenticationRequired", new Money("EUR", 1299)), default));

        Assert.Equal(action, await gateway.LookupAsync(action.GatewayReference, default));
    }

    [Theory]
    [InlineData("pm_card_visa_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_visa_chargeDeclinedInsufficientFunds", "insufficient_funds", "insufficient_funds")]
    [InlineData("pm_card_visa_chargeDeclinedLostCard", "card_declined", "lost_card")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card")]
    public async Task Charge_CardError_IsDeclinedWithOurCodeAndStripesCode(string paymentMethod, string code, string gatewayCode)
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge(paymentMethod, new Money("USD", 499)), default);

        var declined = Assert.IsType<GatewayOutcome.Declined>(outcome);
        Assert.Equal(code, declined.Code);
        Assert.Equal(gatewayCode, declined.GatewayCode);
        Assert.StartsWith("pi_stub", declined.GatewayReference, StringComparison.Ordinal);
        Assert.DoesNotContain("lost", declined.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Charge_UnknownPaymentMethod_IsDeclinedAsInvalidToken()
    {
        var declined = Assert.IsType<GatewayOutcome.Declined>(
            await _stripe.Gateway().ChargeAsync(Charge("pm_does_not_exist", new Money("USD", 499)), default));

        Assert.Equal("invalid_token", declined.Code);
    }

    [Fact]
    public async Task Charge_ServerError_IsUnknownAndNotRetried()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge("pm_stub_server_error", new Money("USD", 499)), default);

        Assert.IsType<GatewayOutcome.Unknown>(outcome);
        Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents"));
    }

    [Fact]
    public async Task Charge_NoAnswerWithinTimeout_IsUnknown()
    {
        var outcome = await _stripe.Gateway(timeout: TimeSpan.FromSeconds(1)).ChargeAsync(Charge("pm_stub_slow", new Money("USD", 499)), default);

        Assert.IsType<GatewayOutcome.Unknown>(outcome);
    }

    [Fact]
    public async Task Charge_ConnectionRefused_IsNotReached()
    {
        var outcome = await _stripe.Gateway(apiBase: LoopbackServer.RefusingAddress()).ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)), default);

        Assert.IsType<GatewayOutcome.NotReached>(outcome);
    }

    [Fact]
    public async Task LookupAndConfirm_ConnectionRefused_AreUnknownBecauseThePaymentExists()
    {
        var gateway = _stripe.Gateway(apiBase: LoopbackServer.RefusingAddress());

        Assert.Equal(new GatewayOutcome.Unknown("pi_1", "stripe: no answer (HttpRequestException)"), await gateway.LookupAsync("pi_1", default));
        Assert.IsType<GatewayOutcome.Unknown>(await gateway.ConfirmAsync(new GatewayConfirmation("k", "pi_1"), default));
    }

    [Theory]
    [InlineData("JPY", 800, "800", "jpy")]
    [InlineData("ISK", 5, "500", "isk")]
    [InlineData("UGX", 10000, "1000000", "ugx")]
    [InlineData("KWD", 1500, "1500", "kwd")]
    [InlineData("HUF", 150050, "150050", "huf")]
    [InlineData("MGA", 500000, "5000", "mga")]
    public async Task Charge_CurrencyWithStripeRules_SendsStripesAmount(string currency, long minorUnits, string amount, string stripeCurrency)
    {
        await _stripe.Gateway().ChargeAsync(Charge("pm_card_visa", new Money(currency, minorUnits)), default);

        var form = Assert.Single(_stripe.Server.RequestsTo("POST", "/v1/payment_intents")).Form;
        Assert.Equal(amount, form["amount"]);
        Assert.Equal(stripeCurrency, form["currency"]);
    }

    [Theory]
    [InlineData("KWD", 1505)]
    [InlineData("MGA", 50050)]
    [InlineData("IQD", 1000)]
    public async Task Charge_AmountStripeCannotTakeExactly_IsNotSupportedAndNothingIsSent(string currency, long minorUnits)
    {
        var outcome = await _stripe.Gateway().ChargeAsync(Charge("pm_card_visa", new Money(currency, minorUnits)), default);

        Assert.IsType<GatewayOutcome.NotSupported>(outcome);
        Assert.Empty(_stripe.Server.Requests);
    }

    [Fact]
    public async Task Refund_PartThenRest_SendsAmountsAndKeysAndThenRefusesMore()
    {
        var gateway = _stripe.Gateway();
        var paid = Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ChargeAsync(Charge("pm_card_visa", new Money("USD", 499)), default));

        var part = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:1", paid.GatewayReference, new Money("USD", 199), "rch_1"), default);
        var rest = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:2", paid.GatewayReference, new Money("USD", 300), "rch_1"), default);
        var more = await gateway.RefundAsync(new GatewayRefund("rch_1:refund:3", paid.GatewayReference, new Money("USD", 100), "rch_1"), default);

        Assert.IsType<RefundOutcome.Refunded>(part);
        Assert.IsType<RefundOutcome.Refunded>(rest);
        Assert.Equal(new RefundOutcome.Declined("refund_rejected", "The payment provider refused the refund.", "amount_too_large"), more);
        var first = _stripe.Server.RequestsTo("POST", "/v1/refunds")[0];
        Assert.Equal("rch_1:refund:1", first.Header("Idempotency-Key"));
        Assert.Equal(paid.GatewayReference, first.Form["payment_intent"]);
        Assert.Equal("199", first.Form["amount"]);
    }

    [Fact]
    public async Task Refund_ConnectionRefused_IsNotReached()
    {
        var outcome = await _stripe.Gateway(apiBase: LoopbackServer.RefusingAddress())
            .RefundAsync(new GatewayRefund("k", "pi_1", new Money("USD", 100), "rch_1"), default);

        Assert.IsType<RefundOutcome.NotReached>(outcome);
    }

    [Fact]
    public async Task Charge_NotACard_IsNotSupported()
    {
        var outcome = await _stripe.Gateway().ChargeAsync(
            new GatewayRequest("k", new Money("USD", 499), "US", VoucherInstrument.ForCode("CODE-CODE"), "rch_1", "100 coins"), default);

        Assert.IsType<GatewayOutcome.NotSupported>(outcome);
    }

    private static GatewayRequest Charge(string paymentMethod, Money amount) =>
        new("rch_1:charge", amount, "US", new CardInstrument(paymentMethod), "rch_1", "100 coins");
}
