using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// Refunds through the CAMARA Carrier Billing Refund API v0.3: the createRefund,
/// retrieveRefunds and retrievePaymentRemainingAmount scenarios that apply to a merchant.
/// </summary>
public sealed class CarrierBillingRefundTests : OperatorTests
{
    [Fact]
    public async Task WholePayment_IsATotalRefund()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 499);

        var refunded = Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 499), default));

        var refund = Assert.Single(Operator.RefundsOf(paymentId));
        Assert.Equal((refunded.RefundReference, "total"), (refund["refundId"]!.GetValue<string>(), refund["type"]!.GetValue<string>()));
        Assert.Equal("rfd_1", refund["amountTransaction"]!["clientCorrelator"]!.GetValue<string>());
        Assert.Equal("rch_01:refund:1", refund["amountTransaction"]!["referenceCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task PartRefunds_ArePartial_UntilTheRemainingAmountIsUsedUp()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 1000);

        Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 300, "rfd_1"), default));
        Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 700, "rfd_2"), default));
        var tooMuch = Assert.IsType<RefundOutcome.Declined>(await gateway.RefundAsync(Refund(paymentId, 1, "rfd_3"), default));

        Assert.Equal("refund_exceeds_payment", tooMuch.Code);
        var refunds = Operator.RefundsOf(paymentId);
        Assert.Equal(["partial", "partial"], refunds.Select(r => r["type"]!.GetValue<string>()));
        var charged = refunds[0]["amountTransaction"]!["refundAmount"]!["chargingInformation"]!;
        Assert.Equal((3.00m, "EUR", true), (charged["amount"]!.GetValue<decimal>(), charged["currency"]!.GetValue<string>(), charged["isTaxIncluded"]!.GetValue<bool>()));
        Assert.Equal(2, Operator.Server.RequestsTo("POST", $"/carrier-billing-refund/v0.3/payments/{paymentId}/refunds").Count);
    }

    [Fact]
    public async Task MoreThanRemains_IsRefusedBeforeAsking()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 499);

        var declined = Assert.IsType<RefundOutcome.Declined>(await gateway.RefundAsync(Refund(paymentId, 500), default));

        Assert.Equal("refund_exceeds_payment", declined.Code);
        Assert.Contains("retrievePaymentRemainingAmount", Operator.Operations);
        Assert.DoesNotContain("createRefund", Operator.Operations);
    }

    [Fact]
    public async Task SameRefundAskedAgain_RefundsOnce()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 499);

        var first = Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 499), default));
        var again = Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 499), default));

        Assert.Equal(first, again);
        Assert.Single(Operator.RefundsOf(paymentId));
    }

    [Fact]
    public async Task RefundWhoseAnswerWasLost_IsFoundByItsClientCorrelatorWhenTheOperatorRefusesTheDuplicate()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 499);
        var listed = 0;
        // The first listing misses the refund (made meanwhile by a request whose answer was lost).
        Operator.Override = request => request.Method == "GET" && request.Path.EndsWith("/refunds", StringComparison.Ordinal) && Interlocked.Increment(ref listed) == 1
            ? new Infrastructure.Reply(200, "[]")
            : null;
        await gateway.RefundAsync(Refund(paymentId, 200, "rfd_lost"), default);
        listed = 0;

        var again = Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 200, "rfd_lost"), default));

        Assert.Equal(again.RefundReference, Assert.Single(Operator.RefundsOf(paymentId))["refundId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(403, "CARRIER_BILLING_REFUND.REFUND_DENIED", "refund_declined")]
    [InlineData(403, "CARRIER_BILLING_REFUND.PAYMENT_NOT_ELIGIBLE_FOR_REFUND", "refund_not_allowed")]
    [InlineData(422, "CARRIER_BILLING_REFUND.USER_AMOUNT_THRESHOLD_OVERPASSED", "refund_limit_exceeded")]
    public async Task OperatorRefusal_IsADeclinedRefundWithItsReason(int status, string operatorCode, string code)
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 499);
        Operator.Refusals[Phone] = (status, operatorCode);

        var declined = Assert.IsType<RefundOutcome.Declined>(await gateway.RefundAsync(Refund(paymentId, 100), default));

        Assert.Equal((code, operatorCode), (declined.Code, declined.GatewayCode));
        Assert.Empty(Operator.RefundsOf(paymentId));
    }

    [Fact]
    public async Task RefundOfAPaymentNotCompleted_IsDeclined()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        var declined = Assert.IsType<RefundOutcome.Declined>(await gateway.RefundAsync(Refund(action.GatewayReference, 100), default));

        Assert.Equal("payment_not_captured", declined.Code);
    }

    [Fact]
    public async Task AsynchronousRefund_IsTakenAndCountsAgainstTheRemainingAmount()
    {
        Operator.AsynchronousRefunds = true;
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway, 1000);

        Assert.IsType<RefundOutcome.Refunded>(await gateway.RefundAsync(Refund(paymentId, 600, "rfd_1"), default));
        var declined = Assert.IsType<RefundOutcome.Declined>(await gateway.RefundAsync(Refund(paymentId, 500, "rfd_2"), default));

        Assert.Equal("refund_exceeds_payment", declined.Code);
        Assert.Equal("processing", Assert.Single(Operator.RefundsOf(paymentId))["refundStatus"]!.GetValue<string>());
    }

    private static GatewayRefund Refund(string paymentId, long cents, string key = "rfd_1") =>
        new(key, paymentId, new Money("EUR", cents), "rch_01:refund:" + (key == "rfd_1" ? "1" : key));
}
