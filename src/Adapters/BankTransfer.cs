namespace PaymentCore.Adapters;

/// <summary>
/// How the payer pays by bank transfer: into an account number opened for this one payment (a
/// virtual account), from their bank's app, ATM or teller, exactly the amount, before it expires.
/// </summary>
/// <param name="Bank">The bank holding the account, by its code (<see cref="VirtualAccountBanks"/>).</param>
/// <param name="AccountNumber">The number to transfer to.</param>
/// <param name="Amount">What to transfer.</param>
/// <param name="ExpiresAt">When the account stops taking the transfer; null when the gateway sets no end.</param>
public sealed record BankTransfer(string Bank, string AccountNumber, Money Amount, DateTimeOffset? ExpiresAt);

/// <summary>The Indonesian banks a virtual account can be opened at, by the codes Xendit's channels use.</summary>
public static class VirtualAccountBanks
{
    public const string Bca = "BCA";
    public const string Bni = "BNI";
    public const string Bri = "BRI";
    public const string Mandiri = "MANDIRI";
    public const string Permata = "PERMATA";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Bca, Bni, Bri, Mandiri, Permata };
}
