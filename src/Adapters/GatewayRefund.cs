namespace PaymentCore.Adapters;

/// <summary>A refund to make.</summary>
/// <param name="IdempotencyKey">
/// The gateway-level idempotency key of this refund: a retry with the same key refunds once.
/// </param>
/// <param name="GatewayReference">The gateway's id of the payment, as its charge or confirmation answered.</param>
/// <param name="Amount">How much to give back, in the payment's currency.</param>
/// <param name="Reference">Our id for the refund, stored at the gateway so it can be traced back.</param>
/// <param name="Method">What the payment was made with: some methods cannot be refunded, or only for a while (Pix).</param>
/// <param name="PaymentAge">How long ago the payment was started (its recharge created), for a method's refund window.</param>
public sealed record GatewayRefund(
    string IdempotencyKey, string GatewayReference, Money Amount, string Reference, PaymentMethodType? Method = null, TimeSpan PaymentAge = default);
