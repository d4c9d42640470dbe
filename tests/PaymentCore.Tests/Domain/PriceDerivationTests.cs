using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Currencies;

namespace PaymentCore.Tests.Domain;

public sealed class PriceDerivationTests
{
    [Theory]
    [InlineData(1, 100, 99, 99)]        // already nice
    [InlineData(100, 100, 99, 199)]     // 1.00 -> 1.99
    [InlineData(1703, 100, 99, 1799)]   // 17.03 -> 17.99
    [InlineData(1799, 100, 99, 1799)]
    [InlineData(1800, 100, 99, 1899)]
    [InlineData(149, 100, 0, 200)]      // whole hundreds
    [InlineData(200, 100, 0, 200)]
    [InlineData(15841, 1000, 0, 16000)] // whole thousands
    [InlineData(0, 100, 0, 100)]        // never zero
    [InlineData(5, 1, 0, 5)]            // step of one minor unit: unchanged
    [InlineData(1201, 1000, 990, 1990)] // x9.90 endings: 12.01 -> 19.90
    public void RoundUpToEnding_IsTheSmallestNicePriceAtOrAboveTheAmount(long amount, long step, long ending, long expected) =>
        Assert.Equal(expected, PriceDerivation.RoundUpToEnding(amount, step, ending));

    [Theory]
    // USD 0.99 at 150 JPY/USD = 148.5 -> 149 yen -> whole hundreds: 200
    [InlineData("USD", 99, "JPY", "150", 100, 0, 200)]
    [InlineData("USD", 5999, "JPY", "150", 100, 0, 9000)]
    // USD 4.99 at 0.92 EUR/USD = 4.5908 -> 4.60 -> x.99: 4.99
    [InlineData("USD", 499, "EUR", "0.92", 100, 99, 499)]
    // USD 4.99 at 0.307 KWD/USD = 1.53193 -> 1.532 -> step 0.050: 1.550
    [InlineData("USD", 499, "KWD", "0.307", 50, 0, 1550)]
    // USD 59.99 at 15850.5 IDR/USD = 950871.495 -> 950871.50 (IDR has 2 decimals) -> whole thousands: 951000.00
    [InlineData("USD", 5999, "IDR", "15850.5", 100000, 0, 95100000)]
    // JPY 160 at 0.0068 USD/JPY = 1.088 -> 1.09 -> x.99: 1.99 (from 0 to 2 decimals)
    [InlineData("JPY", 160, "USD", "0.0068", 100, 99, 199)]
    // KWD 0.300 at 3.26 USD/KWD = 0.978 -> 0.98 -> x.99: 0.99 (from 3 to 2 decimals)
    [InlineData("KWD", 300, "USD", "3.26", 100, 99, 99)]
    public void Derive_ConvertsExactlyThenRoundsUpToTheEnding(
        string baseCurrency, long basePrice, string currency, string rate, long step, long ending, long expected)
    {
        Assert.True(DecimalRatio.TryParse(rate, out var exchangeRate, out _));
        var derivation = new PriceDerivation("XX", exchangeRate, step, ending);

        var derived = derivation.Derive(new Money(baseCurrency, basePrice), currency, CurrencyTable.Iso4217);

        Assert.Equal(new Money(currency, expected), derived);
    }

    [Fact]
    public void Derive_IsDeterministic()
    {
        var derivation = new PriceDerivation("US", new DecimalRatio(17_25, 100), 100, 99);
        var prices = Enumerable.Range(0, 3).Select(_ => derivation.Derive(new Money("USD", 1199), "MXN", CurrencyTable.Iso4217)).Distinct();

        // 11.99 × 17.25 = 206.8275 -> 206.83 -> 206.99
        Assert.Equal([new Money("MXN", 20699)], prices);
    }
}
