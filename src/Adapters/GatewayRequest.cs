namespace PaymentCore.Adapters;

/// <summary>A charge to make.</summary>
/// <param name="IdempotencyKey">
/// The gateway-level idempotency key, derived from the recharge id: a retry with the same key
/// can never charge twice (Stripe <c>Idempotency-Key</c>, PayPal <c>PayPal-Request-Id</c>).
/// </param>
/// <param name="Amount">What to charge.</param>
/// <param name="RegionCode">The region the purchase is made in (ISO 3166-1 alpha-2), e.g. for instruments valid in one region only.</param>
/// <param name="Instrument">What to charge it to.</param>
/// <param name="Reference">Our recharge id, stored at the gateway so a payment can be traced back.</param>
/// <param name="Description">Statement text, e.g. "100 coins".</param>
/// <param name="StepUp">The fraud rules asked for review: authenticate the payer (3-D Secure or the gateway's equivalent).</param>
/// <param name="TaxIncluded">Whether <paramref name="Amount"/> includes the region's tax (its prices are shown
/// tax-inclusive); null when the caller does not say. Gateways that bill tax themselves need it (carrier billing).</param>
public sealed record GatewayRequest(
    string IdempotencyKey,
    Money Amount,
    string RegionCode,
    PaymentInstrument Instrument,
    string Reference,
    string Description,
    bool StepUp = false,
    bool? TaxIncluded = null);

/// <summary>Completion of a payment that required an action (3-D Secure, payer approval).</summary>
/// <param name="IdempotencyKey">Gateway-level idempotency key of the confirmation.</param>
/// <param name="GatewayReference">The gateway's id of the payment, from the earlier outcome.</param>
/// <param name="Code">The code the user typed, when the next action was a <see cref="CodePrompt"/>.</param>
/// <param name="Pending">The next action the user was shown and is answering, as the gateway's outcome gave it:
/// a gateway whose payment still waits hands it back (with fewer attempts after a wrong code).</param>
public sealed record GatewayConfirmation(string IdempotencyKey, string GatewayReference, string? Code = null, GatewayOutcome.RequiresAction? Pending = null)
{
    /// <summary>Never prints the code: it authorizes a payment.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("IdempotencyKey = ").Append(IdempotencyKey).Append(", GatewayReference = ").Append(GatewayReference)
            .Append(", Code = ").Append(Code is null ? "null" : "***").Append(", Pending = ").Append(Pending);
        return true;
    }
}
