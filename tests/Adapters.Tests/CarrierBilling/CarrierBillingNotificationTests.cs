using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// The operator's CloudEvents notifications: believed only with the bearer token we gave as
/// <c>sinkCredential</c>, and even then only as a hint checked against the operator before it
/// becomes an event that can move money.
/// </summary>
public sealed class CarrierBillingNotificationTests : OperatorTests
{
    private const string Completed = "org.camaraproject.carrier-billing.v0.payment-completed";
    private const string Denied = "org.camaraproject.carrier-billing.v0.payment-denied";
    private const string RefundCompleted = "org.camaraproject.carrier-billing-refund.v0.refund-completed";

    [Fact]
    public async Task WrongToken_IsRefused_WithThePaymentAsAHintOnly()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway);
        var operations = Operator.Operations.Count;

        var refused = Assert.IsType<WebhookOutcome.NotVerified>(
            await gateway.ParseWebhookAsync(Delivery(CarrierBillingStub.Notification(Completed, paymentId), "Bearer " + NotificationToken[..^1] + "x"), default));

        Assert.Equal(paymentId, refused.LookupHint);
        Assert.Equal(operations, Operator.Operations.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic bm90aWY=")]
    [InlineData("Bearer ")]
    public async Task MissingOrOtherCredential_IsRefused(string? authorization)
    {
        using var gateway = Gateway(Operator);

        Assert.IsType<WebhookOutcome.NotVerified>(
            await gateway.ParseWebhookAsync(Delivery(CarrierBillingStub.Notification(Completed, "pay-1"), authorization), default));
    }

    [Fact]
    public async Task RightToken_PaymentCompleted_IsReadBackAndBecomesPaymentSucceeded()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway);

        var verified = Assert.IsType<WebhookOutcome.Verified>(
            await gateway.ParseWebhookAsync(Delivery(CarrierBillingStub.Notification(Completed, paymentId), "Bearer " + NotificationToken), default));

        var succeeded = Assert.IsType<GatewayEvent.PaymentSucceeded>(verified.Event);
        Assert.Equal((paymentId, new Money("EUR", 499)), (succeeded.GatewayReference, succeeded.Amount));
        Assert.Equal("retrievePayment", Operator.Operations.Last());
    }

    [Fact]
    public async Task RightToken_ClaimingCompletionTheOperatorDoesNotShow_MovesNothing()
    {
        using var gateway = Gateway(Operator);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));

        Assert.IsType<WebhookOutcome.Ignored>(
            await gateway.ParseWebhookAsync(Delivery(CarrierBillingStub.Notification(Completed, action.GatewayReference), "Bearer " + NotificationToken), default));
    }

    [Fact]
    public async Task RightToken_PaymentDenied_BecomesPaymentFailed()
    {
        Operator.Asynchronous = true;
        Operator.ValidationAction = null;
        using var gateway = Gateway(Operator);
        var unknown = Assert.IsType<GatewayOutcome.Unknown>(await gateway.ChargeAsync(Charge(), default));
        Operator.Settle(unknown.GatewayReference!, "denied");

        var verified = Assert.IsType<WebhookOutcome.Verified>(await gateway.ParseWebhookAsync(
            Delivery(CarrierBillingStub.Notification(Denied, unknown.GatewayReference!, status: "failed"), "Bearer " + NotificationToken), default));

        Assert.Equal("payment_declined", Assert.IsType<GatewayEvent.PaymentFailed>(verified.Event).Code);
    }

    [Fact]
    public async Task RightToken_RefundCompleted_ReportsEverythingRefundedSoFar()
    {
        using var gateway = Gateway(Operator);
        var paymentId = await PaidAsync(gateway);
        await gateway.RefundAsync(new GatewayRefund("rfd_1", paymentId, new Money("EUR", 100), "rch_01:refund:1"), default);
        await gateway.RefundAsync(new GatewayRefund("rfd_2", paymentId, new Money("EUR", 150), "rch_01:refund:2"), default);
        var refundId = Operator.RefundsOf(paymentId)[1]["refundId"]!.GetValue<string>();

        var verified = Assert.IsType<WebhookOutcome.Verified>(await gateway.ParseWebhookAsync(
            Delivery(CarrierBillingStub.Notification(RefundCompleted, paymentId, refundId), "Bearer " + NotificationToken), default));

        var refunded = Assert.IsType<GatewayEvent.Refunded>(verified.Event);
        Assert.Equal((new Money("EUR", 250), refundId), (refunded.TotalRefunded, refunded.RefundReference));
    }

    [Fact]
    public async Task RightToken_NotACloudEvent_IsRefused()
    {
        using var gateway = Gateway(Operator);

        Assert.IsType<WebhookOutcome.NotVerified>(await gateway.ParseWebhookAsync(
            Delivery(CarrierBillingStub.Notification(Completed, "pay-1"), "Bearer " + NotificationToken, "application/json"), default));
        Assert.IsType<WebhookOutcome.NotVerified>(await gateway.ParseWebhookAsync(
            Delivery("{\"id\":1}"u8.ToArray(), "Bearer " + NotificationToken), default));
    }

    [Fact]
    public async Task RightToken_OperatorUnreachable_IsNotTrusted()
    {
        using var gateway = Gateway(Operator);
        Operator.Override = _ => new Infrastructure.Reply(503);

        var refused = Assert.IsType<WebhookOutcome.NotVerified>(await gateway.ParseWebhookAsync(
            Delivery(CarrierBillingStub.Notification(Completed, "pay-1"), "Bearer " + NotificationToken), default));

        Assert.Equal("pay-1", refused.LookupHint);
    }

    private static WebhookDelivery Delivery(byte[] body, string? authorization, string contentType = "application/cloudevents+json")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };
        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        return new WebhookDelivery(body, headers, DateTimeOffset.UtcNow);
    }
}
