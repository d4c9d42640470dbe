namespace PaymentCore.Adapters;

/// <summary>
/// A payment slip the payer takes to a convenience store and pays in cash (Konbini): the gateway's
/// page that shows and prints it, and what each store chain's till asks for.
/// </summary>
/// <param name="HostedVoucherUrl">The gateway's page with the voucher and its instructions.</param>
/// <param name="Stores">Per store chain, the numbers the payer gives at the till; chains the gateway gave none for are left out.</param>
public sealed record StoreVoucher(Uri HostedVoucherUrl, IReadOnlyList<StorePaymentCode> Stores)
{
    public bool Equals(StoreVoucher? other) =>
        other is not null && HostedVoucherUrl == other.HostedVoucherUrl && Stores.SequenceEqual(other.Stores);

    public override int GetHashCode() => HashCode.Combine(HostedVoucherUrl, Stores.Count);
}

/// <summary>What one store chain's till asks the payer for.</summary>
/// <param name="Store">The chain, lower case as the gateway names it: "familymart", "lawson", "ministop", "seicomart".</param>
/// <param name="ConfirmationNumber">The confirmation number the payer types or tells the clerk.</param>
/// <param name="PaymentCode">The chain's payment or receipt code, if it needs one besides.</param>
public sealed record StorePaymentCode(string Store, string ConfirmationNumber, string? PaymentCode);
