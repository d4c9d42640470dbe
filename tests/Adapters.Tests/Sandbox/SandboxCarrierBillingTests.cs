using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Sandbox;

namespace PaymentCore.Adapters.Tests.Sandbox;

/// <summary>The Sandbox's carrier billing: the documented code and numbers, attempts and cancellation, deterministic.</summary>
public sealed class SandboxCarrierBillingTests
{
    private const string Phone = "+4915112345678";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnyNumber_IsAskedForTheCode_MaskedWithThreeAttemptsForFiveMinutes()
    {
        var gateway = new SandboxGateway(time: _time);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone), default));

        var prompt = Assert.IsType<CodePrompt>(action.CodePrompt);
        Assert.Equal(("+***********78", 3, _time.GetUtcNow().AddMinutes(5)), (prompt.MaskedDestination, prompt.AttemptsLeft, prompt.ExpiresAt));
        Assert.Equal(CodePrompt.NoPage, action.RedirectUrl);
    }

    [Fact]
    public async Task TheDocumentedCode_Succeeds_AndTheChargeCanBeRefunded()
    {
        var gateway = new SandboxGateway(time: _time);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone), default));

        var paid = await gateway.ConfirmAsync(Answer(action, SandboxCarrierNumbers.Code), default);

        Assert.IsType<GatewayOutcome.Succeeded>(paid);
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.LookupAsync(action.GatewayReference, default));
        Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(new GatewayRefund("r", action.GatewayReference, new Money("EUR", 549), "rch"), default));
    }

    [Fact]
    public async Task WrongCodes_CountDown_ThenOtpAttemptsExceeded_AndTheRightCodeIsTooLate()
    {
        var gateway = new SandboxGateway(time: _time);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone), default));

        var second = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(Answer(action, "000000"), default));
        var third = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(Answer(second, "000000"), default));
        var failed = Assert.IsType<GatewayOutcome.Declined>(await gateway.ConfirmAsync(Answer(third, "000000"), default));

        Assert.Equal((2, 1), (second.CodePrompt!.AttemptsLeft, third.CodePrompt!.AttemptsLeft));
        Assert.Equal("otp_attempts_exceeded", failed.Code);
        Assert.IsType<GatewayOutcome.Declined>(await gateway.ConfirmAsync(Answer(third, SandboxCarrierNumbers.Code), default));
    }

    [Fact]
    public async Task CapDeclinedNumber_IsRefusedForTheCarriersCap()
    {
        var declined = Assert.IsType<GatewayOutcome.Declined>(await new SandboxGateway(time: _time).ChargeAsync(Charge(SandboxCarrierNumbers.CapDeclined), default));

        Assert.Equal(("carrier_limit_exceeded", "CARRIER_BILLING.USER_AMOUNT_THRESHOLD_OVERPASSED"), (declined.Code, declined.GatewayCode));
    }

    [Fact]
    public async Task NeverAnsweringNumber_IsUnknown_AndStaysUnknown()
    {
        var gateway = new SandboxGateway(time: _time);

        var unknown = Assert.IsType<GatewayOutcome.Unknown>(await gateway.ChargeAsync(Charge(SandboxCarrierNumbers.NeverAnswers), default));

        Assert.IsType<GatewayOutcome.Unknown>(await gateway.LookupAsync(unknown.GatewayReference!, default));
    }

    [Fact]
    public async Task Cancel_ReleasesAWaitingPayment_ButNotAPaidOne()
    {
        var gateway = new SandboxGateway(time: _time);
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone, "rch_1"), default));
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone, "rch_2"), default));
        await gateway.ConfirmAsync(Answer(paid, SandboxCarrierNumbers.Code), default);

        Assert.Equal("payment_canceled", Assert.IsType<GatewayOutcome.Declined>(await gateway.CancelAsync(waiting.GatewayReference, default)).Code);
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.CancelAsync(paid.GatewayReference, default));
    }

    [Fact]
    public async Task ChargeAskedAgainWithTheMaskedNumber_ContinuesTheFirstPayment_CancelsOneWaitingForItsCode_OrFindsNone()
    {
        var gateway = new SandboxGateway(time: _time);
        var paid = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone), default));
        await gateway.ConfirmAsync(Answer(paid, SandboxCarrierNumbers.Code), default);
        Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(Phone, "rch_waiting"), default));

        var again = await gateway.ChargeAsync(Charge(PhoneNumbers.Mask(Phone)), default);
        var interrupted = await gateway.ChargeAsync(Charge(PhoneNumbers.Mask(Phone), "rch_waiting"), default);
        var never = await gateway.ChargeAsync(Charge(PhoneNumbers.Mask(Phone), "rch_other"), default);

        Assert.Equal(paid.GatewayReference, Assert.IsType<GatewayOutcome.Succeeded>(again).GatewayReference);
        Assert.Equal("carrier_billing_interrupted", Assert.IsType<GatewayOutcome.Declined>(interrupted).Code);
        Assert.Equal("payment_not_found", Assert.IsType<GatewayOutcome.Declined>(never).Code);
    }

    private static GatewayRequest Charge(string phone, string rechargeId = "rch_1") =>
        new($"{rechargeId}:charge", new Money("EUR", 549), "DE", new CarrierBillingInstrument(phone), rechargeId, "500 coins");

    private static GatewayConfirmation Answer(GatewayOutcome.RequiresAction prompt, string code) =>
        new($"{prompt.GatewayReference}:confirm", prompt.GatewayReference, code, prompt);
}
