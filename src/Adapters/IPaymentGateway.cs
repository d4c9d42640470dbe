namespace PaymentCore.Adapters;

/// <summary>
/// The contract every gateway adapter implements. It is total: every call answers with a
/// <see cref="GatewayOutcome"/>, and transport failures are mapped to <c>Unknown</c> or
/// <c>NotReached</c> inside the adapter rather than thrown.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Stable lower-case name used in region config and on recharges, e.g. "stripe".</summary>
    string Name { get; }

    /// <summary>What this gateway can do.</summary>
    GatewayCapabilities Capabilities { get; }

    /// <summary>Charges (authorize and capture) the instrument.</summary>
    Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Completes a payment after its next action. The payment already exists at the gateway, so a
    /// transport failure here is <c>Unknown</c>, never <c>NotReached</c>.
    /// </summary>
    Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the gateway where a payment stands (for the reconciler). Like a confirmation, a
    /// transport failure is <c>Unknown</c>.
    /// </summary>
    Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up on a payment still waiting for the user's action (the reconciler abandons it), so the
    /// gateway releases what it holds; answers where the payment stands afterwards (<c>Declined</c> once
    /// cancelled, <c>Succeeded</c> if it completed meanwhile). Gateways whose waiting payments lapse by
    /// themselves need nothing: the default answers <c>NotSupported</c>.
    /// </summary>
    Task<GatewayOutcome> CancelAsync(string gatewayReference, CancellationToken cancellationToken) =>
        Task.FromResult<GatewayOutcome>(new GatewayOutcome.NotSupported($"{Name} does not cancel waiting payments."));

    /// <summary>Gives back all or part of a payment that succeeded.</summary>
    Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies and reads one webhook delivery. Only a <see cref="WebhookOutcome.Verified"/> event
    /// may change a recharge; anything else is at most a hint to look the payment up.
    /// </summary>
    Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken);
}
