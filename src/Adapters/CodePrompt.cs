namespace PaymentCore.Adapters;

/// <summary>
/// A code the user must type to authorize a payment (the one-time code a mobile operator sends by
/// SMS), with what a client needs to show the prompt.
/// </summary>
/// <param name="MaskedDestination">Where the code was sent, masked (<see cref="PhoneNumbers.Mask"/>): "+*********78".</param>
/// <param name="AttemptsLeft">How many codes the user may still type before the payment is refused.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="Challenge">The gateway's handle on this code (CAMARA's <c>authorizationId</c>): kept with the
/// payment and handed back with the code (<see cref="GatewayConfirmation.Pending"/>); never shown to the user.</param>
public sealed record CodePrompt(string MaskedDestination, int AttemptsLeft, DateTimeOffset ExpiresAt, string Challenge)
{
    /// <summary>What <see cref="GatewayOutcome.RequiresAction.RedirectUrl"/> holds for a code prompt: there is no page.</summary>
    public static Uri NoPage { get; } = new("urn:paymentcore:next-action:enter-code");
}
