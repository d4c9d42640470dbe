using PaymentCore.Adapters;

namespace PaymentCore.Limits;

/// <summary>What identifies a payment instrument for the instrument limits, before any gateway is asked.</summary>
public static class InstrumentFingerprint
{
    /// <summary>The fingerprint, or null when the instrument is only known after the payer acts (PayPal, local wallets).</summary>
    public static string? Of(string userId, PaymentInstrument instrument) => instrument switch
    {
        // Sandbox tokens are shared by everyone; scoped to the user they stand for one card each.
        SandboxInstrument sandbox => $"sandbox:{userId}:{sandbox.Token}",
        CardInstrument card => "card:" + card.GatewayToken,
        VoucherInstrument voucher => "voucher:" + voucher.CodeHash,
        _ => null,
    };
}
