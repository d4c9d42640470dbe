using PaymentCore.Adapters.CarrierBilling;
using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// The phone number is personal data: it goes to the operator and nowhere else in clear. Every log
/// line, outcome text and printed record of a run through refusals, wrong codes and failures shows
/// it masked to its last two digits.
/// </summary>
public sealed class CarrierBillingPersonalDataTests : OperatorTests
{
    private const string Refused = "+4917099887766";

    [Fact]
    public async Task PhoneNumber_NeverInClear_InLogsOutcomesOrPrintedRecords()
    {
        var log = new CapturedLog<CarrierBillingGateway>();
        using var gateway = Gateway(Operator, logger: log);
        Operator.Refusals[Refused] = (422, "CARRIER_BILLING.USER_AMOUNT_THRESHOLD_OVERPASSED");
        // The operator echoes the number in its error text, as some do.
        Operator.Override = request => request.BodyText.Contains("rch_echo", StringComparison.Ordinal)
            ? CarrierBillingStub.Error(404, "IDENTIFIER_NOT_FOUND", $"phoneNumber {Phone} not found.")
            : null;
        var request = Charge();
        var texts = new List<string?> { request.ToString(), request.Instrument.ToString() };

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(request, default));
        var answer = Answer(action, "000000");
        texts.Add(answer.ToString());
        var second = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(answer, default));
        var third = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ConfirmAsync(Answer(second, "000001"), default));
        texts.Add((await gateway.ConfirmAsync(Answer(third, "000002"), default)).ToString());
        texts.Add((await gateway.ChargeAsync(Charge("rch_cap", phone: Refused), default)).ToString());
        texts.Add((await gateway.ChargeAsync(Charge("rch_echo"), default)).ToString());
        texts.AddRange([action.ToString(), second.ToString(), third.ToString()]);

        var everything = string.Join("\n", log.Lines.Concat(texts));
        Assert.DoesNotContain(Phone[1..], everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Refused[1..], everything, StringComparison.Ordinal);
        Assert.DoesNotContain("000000", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains(log.Lines, line => line.Contains(MaskedPhone, StringComparison.Ordinal) && line.Contains("attempts left", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.Contains("+***********66", StringComparison.Ordinal) && line.Contains("USER_AMOUNT_THRESHOLD_OVERPASSED", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("+4915112345678", "+***********78")]
    [InlineData("+12345", "+***45")]
    [InlineData("+***********78", "+***********78")]
    [InlineData("015112345678", "***")]
    [InlineData("", "***")]
    public void Mask_KeepsOnlyTheLastTwoDigits(string text, string masked)
    {
        Assert.Equal(masked, PhoneNumbers.Mask(text));
    }

    [Fact]
    public void Redact_MasksEveryNumberInAText()
    {
        Assert.Equal("numbers +***********78 and +***********01 refused", PhoneNumbers.Redact("numbers +4915112345678 and +5511987650001 refused"));
    }
}
