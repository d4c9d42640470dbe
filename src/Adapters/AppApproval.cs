namespace PaymentCore.Adapters;

/// <summary>
/// A payment pushed to an app on the payer's phone (OVO's push notification) to approve there: no
/// page, no QR code. The payer needs to know which app and which phone; the phone number is personal
/// data, so only its masked form (<see cref="PhoneNumbers.Mask"/>) is ever carried here.
/// </summary>
/// <param name="Wallet">The app, by its code (<see cref="EwalletWallets"/>).</param>
/// <param name="MaskedPhoneNumber">The phone number of the app's account, masked: "+***********90".</param>
public sealed record AppApproval(string Wallet, string MaskedPhoneNumber);

/// <summary>The Indonesian e-wallets, by the channel codes Xendit's Payment Requests API uses.</summary>
public static class EwalletWallets
{
    /// <summary>Approved in the OVO app after a push notification to the account's phone number.</summary>
    public const string Ovo = "OVO";

    /// <summary>Approved on DANA's page or app after a redirect.</summary>
    public const string Dana = "DANA";

    /// <summary>Approved in the Shopee app or on its page after a redirect.</summary>
    public const string ShopeePay = "SHOPEEPAY";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Ovo, Dana, ShopeePay };
}
