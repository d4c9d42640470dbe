using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.Tests.Infrastructure;
using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// The payment flows of the CAMARA Carrier Billing API against the operator stand-in: the
/// preparePayment, validatePayment, confirmPayment, cancelPayment, createPayment and
/// retrievePayment(s) scenarios that apply to a merchant.
/// </summary>
public sealed class CarrierBillingGatewayTests : OperatorTests
{
    [Fact]
    public async Task Prepare_SendsTheRechargeAsCamaraAmountTransaction()
    {
        using var gateway = Gateway(Operator);

        await gateway.ChargeAsync(Charge(), default);

        var prepare = Assert.Single(Operator.Server.RequestsTo("POST", "/carrier-billing/v0.5/payments/prepare"));
        var body = JsonNode.Parse(prepare.BodyText)!;
        var transaction = body["amountTransaction"]!;
        Assert.Equal(Phone, transaction["phoneNumber"]!.GetValue<string>());
        Assert.Equal("rch_01:charge", transaction["clientCorrelator"]!.GetValue<string>());
        Assert.Equal("rch_01", transaction["referenceCode"]!.GetValue<string>());
        var charging = transaction["paymentAmount"]!["chargingInformation"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, charging["amount"]!.GetValueKind());
        Assert.Equal(4.99m, charging["amount"]!.GetValue<decimal>());
        Assert.Equal("EUR", charging["currency"]!.GetValue<string>());
        Assert.True(charging["isTaxIncluded"]!.GetValue<bool>());
        Assert.Equal("Coin Shop", transaction["paymentAmount"]!["chargingMetaData"]!["merchantName"]!.GetValue<string>());
        Assert.Equal("https://pay.example.com/webhooks/carrier_billing", body["sink"]!.GetValue<string>());
        Assert.Equal("ACCESSTOKEN", body["sinkCredential"]!["credentialType"]!.GetValue<string>());
        Assert.Equal(NotificationToken, body["sinkCredential"]!["accessToken"]!.GetValue<string>());
        Assert.StartsWith("Bearer cb-token-", prepare.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_WithCodeValidation_RequiresActionWithTheCodePrompt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
        using var gateway = Gateway(Operator, time);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        var prompt = Assert.IsType<CodePrompt>(action.CodePrompt);
        Assert.Equal(MaskedPhone, prompt.MaskedDestination);
        Assert.Equal(3, prompt.AttemptsLeft);
        Assert.Equal(time.GetUtcNow().AddMinutes(5), prompt.ExpiresAt);
        Assert.Equal("auth-" + action.GatewayReference, prompt.Challenge);
        Assert.Equal(CodePrompt.NoPage, action.RedirectUrl);
        Assert.Equal("pending_validation", Operator.StatusOf(action.GatewayReference));
    }

    [Fact]
    public async Task RightCode_ValidatesThenConfirms_Succeeded()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        var outcome = await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default);

        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), outcome);
        Assert.Equal("succeeded", Operator.StatusOf(action.GatewayReference));
        Assert.Equal(
            ["preparePayment", "retrievePayment", "validatePayment", "confirmPayment", "retrievePayment"],
            Operator.Operations.ToArray());
        var confirm = Assert.Single(Operator.Server.RequestsTo("POST", $"/carrier-billing/v0.5/payments/{action.GatewayReference}/confirm"));
        Assert.Equal(Phone, JsonNode.Parse(confirm.BodyText)!["phoneNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongCodeThrice_AttemptsCountDownThenOtpAttemptsExceeded_NothingCharged()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        var second = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(Answer(action, "000000"), default));
        var third = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(Answer(second, "111111"), default));
        var last = await gateway.ConfirmAsync(Answer(third, "222222"), default);

        Assert.Equal([2, 1], new[] { second.CodePrompt!.AttemptsLeft, third.CodePrompt!.AttemptsLeft });
        Assert.Equal(action.CodePrompt!.ExpiresAt, third.CodePrompt.ExpiresAt);
        var declined = Assert.IsType<GatewayOutcome.Declined>(last);
        Assert.Equal(("otp_attempts_exceeded", "CARRIER_BILLING.VALIDATION_FAILED"), (declined.Code, declined.GatewayCode));
        Assert.NotEqual("succeeded", Operator.StatusOf(action.GatewayReference));
        Assert.Empty(Operator.Server.RequestsTo("POST", $"/carrier-billing/v0.5/payments/{action.GatewayReference}/confirm"));
    }

    [Fact]
    public async Task WrongCodeOnTheLastAttemptWeCount_CancelsTheReservation()
    {
        Operator.AttemptsAllowed = 10;
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        var lastAttempt = action with { CodePrompt = action.CodePrompt! with { AttemptsLeft = 1 } };

        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.ConfirmAsync(Answer(lastAttempt, "000000"), default));

        Assert.Equal("otp_attempts_exceeded", declined.Code);
        Assert.Equal("cancelled", Operator.StatusOf(action.GatewayReference));
    }

    [Fact]
    public async Task WrongCodeThenRightCode_Succeeded()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        var again = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(Answer(action, "999999"), default));

        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(Answer(again, CarrierBillingStub.Code), default));
    }

    [Fact]
    public async Task ConfirmRetriedAfterItsAnswerWasLost_ContinuesWherePaymentStands_ChargesOnce()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default));

        // The caller never saw the answer and confirms again with the same code.
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default));

        Assert.Single(Operator.Server.RequestsTo("POST", $"/carrier-billing/v0.5/payments/{action.GatewayReference}/validate"));
        Assert.Single(Operator.Server.RequestsTo("POST", $"/carrier-billing/v0.5/payments/{action.GatewayReference}/confirm"));
    }

    [Fact]
    public async Task ConfirmWithoutCode_StillRequiresTheSameAction()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        Assert.Equal(action, await gateway.ConfirmAsync(Answer(action, code: null), default));
        Assert.Empty(Operator.Server.RequestsTo("POST", $"/carrier-billing/v0.5/payments/{action.GatewayReference}/validate"));
    }

    [Fact]
    public async Task Prepare_WithValidationPage_RedirectsToIt_ThenConfirmsOnceValidated()
    {
        Operator.ValidationAction = "open";
        using var gateway = Gateway(Operator);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        Assert.Null(action.CodePrompt);
        Assert.Equal($"https://operator.example/validate/{action.GatewayReference}", action.RedirectUrl?.AbsoluteUri);
        Assert.Equal(action, await gateway.ConfirmAsync(Answer(action, code: null), default));

        Operator.Settle(action.GatewayReference, "reserved");
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(Answer(action, code: null), default));
    }

    [Fact]
    public async Task Prepare_ReservedWithoutValidation_ConfirmsAtOnce()
    {
        Operator.ValidationAction = null;
        using var gateway = Gateway(Operator);

        var succeeded = Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ChargeAsync(Charge(), default));

        Assert.Equal("succeeded", Operator.StatusOf(succeeded.GatewayReference));
    }

    [Fact]
    public async Task Prepare_Asynchronous_UnknownUntilLookupSeesTheOutcome()
    {
        Operator.Asynchronous = true;
        Operator.ValidationAction = null;
        using var gateway = Gateway(Operator);

        var unknown = Assert.IsType<GatewayOutcome.Unknown>(await gateway.ChargeAsync(Charge(), default));
        Assert.NotNull(unknown.GatewayReference);
        Operator.Settle(unknown.GatewayReference!, "denied");

        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(unknown.GatewayReference!, default));
        Assert.Equal("payment_declined", declined.Code);
    }

    [Fact]
    public async Task OneStep_CreatesThePaymentAndSucceeds()
    {
        using var gateway = Gateway(Operator, flow: CarrierBillingFlow.OneStep);

        var succeeded = Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ChargeAsync(Charge(), default));

        Assert.Equal(["createPayment"], Operator.Operations.ToArray());
        Assert.Equal(new GatewayOutcome.Succeeded(succeeded.GatewayReference), await gateway.LookupAsync(succeeded.GatewayReference, default));
    }

    [Theory]
    [InlineData(422, "CARRIER_BILLING.USER_AMOUNT_THRESHOLD_OVERPASSED", "carrier_limit_exceeded")]
    [InlineData(422, "CARRIER_BILLING.UNAUTHORIZED_AMOUNT", "carrier_limit_exceeded")]
    [InlineData(403, "CARRIER_BILLING.PAYMENT_DENIED", "payment_declined")]
    [InlineData(404, "IDENTIFIER_NOT_FOUND", "carrier_billing_unavailable")]
    [InlineData(422, "SERVICE_NOT_APPLICABLE", "carrier_billing_unavailable")]
    [InlineData(403, "PERMISSION_DENIED", "payment_rejected")]
    public async Task OperatorDenial_MapsToAStableFailureCode(int status, string operatorCode, string code)
    {
        Operator.Refusals[Phone] = (status, operatorCode);
        using var gateway = Gateway(Operator);

        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.ChargeAsync(Charge(), default));

        Assert.Equal((code, operatorCode), (declined.Code, declined.GatewayCode));
        Assert.Null(declined.GatewayReference);
    }

    [Fact]
    public async Task Timeout_IsUnknown_LookupAndRetryFindThePaymentByClientCorrelator_OnePaymentOnly_CancelledAsItsCodePromptWasLost()
    {
        var slowOnce = 0;
        Operator.Slow = request => request.Path.EndsWith("/payments/prepare", StringComparison.Ordinal) && Interlocked.Increment(ref slowOnce) == 1
            ? TimeSpan.FromSeconds(3)
            : TimeSpan.Zero;
        var options = Options(Operator);
        options.RequestTimeout = TimeSpan.FromSeconds(1);
        using var gateway = new CarrierBillingGateway(new HttpClient(), options, TimeProvider.System);

        var unknown = Assert.IsType<GatewayOutcome.Unknown>(await gateway.ChargeAsync(Charge(), default));
        Assert.Equal("clientCorrelator:rch_01:charge", unknown.GatewayReference);

        var found = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.LookupAsync(unknown.GatewayReference!, default));
        var retried = Assert.IsType<GatewayOutcome.Declined>(await gateway.ChargeAsync(Charge(), default));

        Assert.Equal((found.GatewayReference, "carrier_billing_interrupted"), (retried.GatewayReference, retried.Code));
        Assert.Equal("cancelled", Operator.StatusOf(found.GatewayReference));
        Assert.Contains("retrievePayments", Operator.Operations);
        Assert.Equal(1, Operator.PaymentCount);
    }

    [Fact]
    public async Task LookupByClientCorrelator_OfAPrepareThatNeverArrived_PaymentNotFound()
    {
        using var gateway = Gateway(Operator);

        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync("clientCorrelator:rch_09:charge", default));

        Assert.Equal("payment_not_found", declined.Code);
    }

    [Fact]
    public async Task ChargeAskedAgainWithTheStoredMaskedNumber_ContinuesThePaymentOfTheFirstRequest_NoSecondPrepare()
    {
        using var gateway = Gateway(Operator);
        var paid = await PaidAsync(gateway);

        var again = await gateway.ChargeAsync(Charge(phone: MaskedPhone), default);

        Assert.Equal(paid, Assert.IsType<GatewayOutcome.Succeeded>(again).GatewayReference);
        Assert.Equal(1, Operator.PaymentCount);
        Assert.Single(Operator.Operations, o => o == "preparePayment");
    }

    [Fact]
    public async Task ChargeAskedAgainWithTheStoredMaskedNumber_WhenNoPrepareArrived_PaymentNotFound_NothingSent()
    {
        using var gateway = Gateway(Operator);

        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.ChargeAsync(Charge(phone: MaskedPhone), default));

        Assert.Equal("payment_not_found", declined.Code);
        Assert.Equal(0, Operator.PaymentCount);
    }

    [Fact]
    public async Task LookupByClientCorrelator_OneStep_StaysUnknownWhileTheOperatorListsNothing()
    {
        using var gateway = Gateway(Operator, flow: CarrierBillingFlow.OneStep);

        Assert.IsType<GatewayOutcome.Unknown>(await gateway.LookupAsync("clientCorrelator:rch_09:charge", default));
    }

    [Fact]
    public async Task ConnectionRefused_IsNotReached()
    {
        var options = Options(Operator);
        options.ApiBase = LoopbackServer.RefusingAddress();
        using var gateway = new CarrierBillingGateway(new HttpClient(), options, TimeProvider.System);

        Assert.IsType<GatewayOutcome.NotReached>(await gateway.ChargeAsync(Charge(), default));
    }

    [Fact]
    public async Task Cancel_ReleasesAPreparedPayment()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        var cancelled = Assert.IsType<GatewayOutcome.Declined>(await gateway.CancelAsync(action.GatewayReference, default));

        Assert.Equal("payment_canceled", cancelled.Code);
        Assert.Equal("cancelled", Operator.StatusOf(action.GatewayReference));
        var late = Assert.IsType<GatewayOutcome.Declined>(await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default));
        Assert.Equal("payment_canceled", late.Code);
    }

    [Fact]
    public async Task Cancel_OfAPaymentThatSucceeded_ReportsItSucceeded()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default);

        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.CancelAsync(action.GatewayReference, default));
        Assert.Equal("succeeded", Operator.StatusOf(action.GatewayReference));
    }

    [Fact]
    public async Task Lookup_OfAnUnknownPayment_PaymentNotFound()
    {
        using var gateway = Gateway(Operator);

        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync("pay-nope", default));

        Assert.Equal("payment_not_found", declined.Code);
    }

    [Fact]
    public async Task AccessToken_IsCachedAndRefreshedOnceOn401()
    {
        using var gateway = Gateway(Operator);
        await gateway.ChargeAsync(Charge("rch_a"), default);
        await gateway.ChargeAsync(Charge("rch_b"), default);
        Assert.Equal(1, Operator.TokenRequests);

        Operator.RevokeTokens();
        Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge("rch_c"), default));

        Assert.Equal(2, Operator.TokenRequests);
        Assert.Equal(2, Operator.Server.RequestsTo("POST", "/carrier-billing/v0.5/payments/prepare").Count(r => r.BodyText.Contains("rch_c", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AccessToken_IsRefreshedShortlyBeforeItExpires()
    {
        Operator.TokenLifetimeSeconds = 3600;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var gateway = Gateway(Operator, time);
        await gateway.ChargeAsync(Charge("rch_a"), default);

        time.Advance(TimeSpan.FromMinutes(54));
        await gateway.ChargeAsync(Charge("rch_b"), default);
        Assert.Equal(1, Operator.TokenRequests);

        time.Advance(TimeSpan.FromMinutes(2));
        await gateway.ChargeAsync(Charge("rch_c"), default);
        Assert.Equal(2, Operator.TokenRequests);
    }

    [Fact]
    public async Task CurrencyTheOperatorDoesNotBill_IsNotSupported_NothingSent()
    {
        using var gateway = Gateway(Operator);

        Assert.IsType<GatewayOutcome.NotSupported>(await gateway.ChargeAsync(Charge(currency: "USD"), default));
        Assert.IsType<GatewayOutcome.NotSupported>(await gateway.ChargeAsync(Charge(phone: "015112345678"), default));
        Assert.Empty(Operator.Operations);
    }
}
