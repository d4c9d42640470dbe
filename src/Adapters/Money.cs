namespace PaymentCore.Adapters;

/// <summary>
/// An amount in integer minor units of an ISO 4217 currency. Arithmetic is checked and
/// refuses to mix currencies; nothing here knows exponents (see the host's currency table).
/// </summary>
public readonly record struct Money(string Currency, long MinorUnits)
{
    public static Money Zero(string currency) => new(currency, 0);

    public Money Add(Money other) => new(Currency, checked(MinorUnits + SameCurrency(other).MinorUnits));

    public Money Subtract(Money other) => new(Currency, checked(MinorUnits - SameCurrency(other).MinorUnits));

    public int CompareTo(Money other) => MinorUnits.CompareTo(SameCurrency(other).MinorUnits);

    public override string ToString() => $"{MinorUnits} {Currency} (minor units)";

    private Money SameCurrency(Money other) =>
        string.Equals(Currency, other.Currency, StringComparison.Ordinal)
            ? other
            : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
}
