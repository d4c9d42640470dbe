namespace PaymentCore.Adapters;

/// <summary>
/// The closed set of answers a gateway gives. <see cref="Unknown"/> is a first-class outcome
/// that the reconciler resolves; <see cref="NotReached"/> is the only one that allows failover
/// to another gateway, because it proves nothing was sent.
/// </summary>
public abstract record GatewayOutcome
{
    private GatewayOutcome()
    {
    }

    /// <summary>The money was taken.</summary>
    public sealed record Succeeded(string GatewayReference) : GatewayOutcome;

    /// <summary>The user must act first; confirm afterwards.</summary>
    /// <param name="RedirectUrl">Where to send the user; for a QR code, the gateway's page that shows it. Null when
    /// the gateway hosts no page (QRIS through Xendit: the code is the whole action; a bank transfer).</param>
    /// <param name="QrCode">A QR code the user scans with a wallet or bank app instead of being redirected, if any.</param>
    /// <param name="ExpiresAt">When the action stops being possible (a Pix code's expiry), if the gateway says; the
    /// payment then fails, so the host waits for the payer until then rather than for its own default.</param>
    /// <param name="Voucher">A voucher the payer pays at a store instead (Konbini); then <paramref name="RedirectUrl"/> shows it.</param>
    /// <param name="CodePrompt">A code the user must type instead of being redirected (carrier billing's SMS
    /// code); <paramref name="RedirectUrl"/> is then <see cref="CodePrompt.NoPage"/>.</param>
    /// <param name="BankTransfer">The account to transfer the amount to instead of being redirected, if any (a virtual account).</param>
    /// <param name="AppApproval">The app on the payer's phone the payment was pushed to, to approve there instead of being redirected (OVO).</param>
    public sealed record RequiresAction(
        string GatewayReference,
        Uri? RedirectUrl,
        QrCode? QrCode = null,
        DateTimeOffset? ExpiresAt = null,
        StoreVoucher? Voucher = null,
        CodePrompt? CodePrompt = null,
        BankTransfer? BankTransfer = null,
        AppApproval? AppApproval = null)
        : GatewayOutcome
    {
        /// <summary>The user types the code of <paramref name="prompt"/>; there is no page to send them to.</summary>
        public static RequiresAction ForCode(string gatewayReference, CodePrompt prompt) => new(gatewayReference, CodePrompt.NoPage, CodePrompt: prompt);
    }

    /// <summary>
    /// The gateway took the payment, and the money arrives later: a bank debit is collected over days.
    /// Not a success: the gateway's event, or a later lookup, tells whether it succeeded or failed.
    /// </summary>
    public sealed record Processing(string GatewayReference) : GatewayOutcome;

    /// <summary>The gateway refused; nothing was taken.</summary>
    /// <param name="Code">Our stable failure code, e.g. "card_declined".</param>
    /// <param name="Message">Text safe to show to the user.</param>
    /// <param name="GatewayCode">The gateway's own code, if any.</param>
    public sealed record Declined(string? GatewayReference, string Code, string Message, string? GatewayCode) : GatewayOutcome;

    /// <summary>The request may or may not have been processed (timeout, 5xx after sending).</summary>
    public sealed record Unknown(string? GatewayReference, string Reason) : GatewayOutcome;

    /// <summary>The request provably never reached the gateway (connection refused, open circuit).</summary>
    public sealed record NotReached(string Reason) : GatewayOutcome;

    /// <summary>The gateway does not offer this operation or instrument.</summary>
    public sealed record NotSupported(string Reason) : GatewayOutcome;
}
