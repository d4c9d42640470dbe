using System.Collections.Frozen;

namespace PaymentCore.Adapters.CarrierBilling;

/// <summary>
/// CAMARA amounts are JSON numbers in major units, to at most three decimals (<c>multipleOf: 0.001</c>).
/// Money becomes one exactly through <see cref="decimal"/> (formatting only, never computing), using
/// the ISO 4217 exponents of the currencies operators bill in; an amount finer than its currency is refused.
/// </summary>
public static class CarrierBillingAmounts
{
    private static readonly FrozenDictionary<string, int> Exponents = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AED"] = 2, ["ARS"] = 2, ["AUD"] = 2, ["BHD"] = 3, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CLP"] = 0,
        ["COP"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EGP"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HUF"] = 2, ["IDR"] = 2,
        ["INR"] = 2, ["JOD"] = 3, ["JPY"] = 0, ["KES"] = 2, ["KRW"] = 0, ["KWD"] = 3, ["MAD"] = 2, ["MXN"] = 2,
        ["MYR"] = 2, ["NGN"] = 2, ["NOK"] = 2, ["OMR"] = 3, ["PEN"] = 2, ["PHP"] = 2, ["PLN"] = 2, ["QAR"] = 2,
        ["RON"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2, ["TND"] = 3, ["TRY"] = 2, ["UAH"] = 2,
        ["USD"] = 2, ["UYU"] = 2, ["VND"] = 0, ["ZAR"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool Knows(string currency) => Exponents.ContainsKey(currency);

    /// <summary>The amount CAMARA expects for <paramref name="money"/>; null for an unknown currency or a non-positive amount.</summary>
    public static decimal? ToCamara(Money money) =>
        Exponents.TryGetValue(money.Currency, out var exponent) && money.MinorUnits > 0
            ? money.MinorUnits / Scale(exponent)
            : null;

    /// <summary>A CAMARA amount as money; null when the currency is unknown or the amount is negative or finer than it.</summary>
    public static Money? FromCamara(string currency, decimal amount)
    {
        if (!Exponents.TryGetValue(currency, out var exponent) || amount < 0)
        {
            return null;
        }

        var minor = amount * Scale(exponent);
        return decimal.Truncate(minor) == minor && minor <= long.MaxValue ? new Money(currency, (long)minor) : null;
    }

    private static decimal Scale(int exponent) => exponent switch
    {
        0 => 1m,
        2 => 100m,
        3 => 1000m,
        _ => throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "CAMARA amounts carry at most three decimals."),
    };
}
