using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Currencies;

namespace PaymentCore.Tests.Domain;

public sealed class MoneyAndCurrencyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void CurrencyTable_KnowsIsoExponents(string currency, int exponent) =>
        Assert.Equal(exponent, CurrencyTable.Iso4217.ExponentOf(currency));

    [Fact]
    public void CurrencyTable_HoldsEveryActiveCurrencyButNotFundsWithoutMinorUnits()
    {
        Assert.InRange(CurrencyTable.Iso4217.Count, 150, 200);
        Assert.False(CurrencyTable.Iso4217.TryGetExponent("XAU", out _));
        Assert.False(CurrencyTable.Iso4217.TryGetExponent("ABC", out _));
    }

    [Theory]
    [InlineData("12.34", "USD", 1234)]
    [InlineData("12", "USD", 1200)]
    [InlineData("0.5", "USD", 50)]
    [InlineData("160", "JPY", 160)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("0.300", "KWD", 300)]
    public void MoneyText_ParsesExactly(string text, string currency, long minorUnits)
    {
        Assert.True(MoneyText.TryParse(text, currency, CurrencyTable.Iso4217, out var money, out var error), error);
        Assert.Equal(new Money(currency, minorUnits), money);
    }

    [Theory]
    [InlineData("1.5", "JPY")]
    [InlineData("0.999", "USD")]
    [InlineData("1.2345", "KWD")]
    [InlineData("-1", "USD")]
    [InlineData("1e3", "USD")]
    [InlineData("1.", "USD")]
    [InlineData(".5", "USD")]
    [InlineData("1,00", "EUR")]
    [InlineData("99999999999999999999", "USD")]
    [InlineData("1", "XXX1")]
    public void MoneyText_RefusesWhatItCannotRepresentExactly(string text, string currency) =>
        Assert.False(MoneyText.TryParse(text, currency, CurrencyTable.Iso4217, out _, out _));

    [Theory]
    [InlineData(1234, "USD", "12.34")]
    [InlineData(5, "USD", "0.05")]
    [InlineData(160, "JPY", "160")]
    [InlineData(300, "KWD", "0.300")]
    public void MoneyText_FormatsWithTheCurrencyExponent(long minorUnits, string currency, string text) =>
        Assert.Equal(text, MoneyText.Format(new Money(currency, minorUnits), CurrencyTable.Iso4217));

    [Fact]
    public void Money_RefusesToMixCurrenciesAndToOverflow()
    {
        Assert.Throws<InvalidOperationException>(() => new Money("USD", 1).Add(new Money("EUR", 1)));
        Assert.Throws<OverflowException>(() => new Money("USD", long.MaxValue).Add(new Money("USD", 1)));
        Assert.Equal(new Money("USD", 3), new Money("USD", 1).Add(new Money("USD", 2)));
    }

    [Theory]
    [InlineData(99, 100, 0, 99)]
    [InlineData(499, 500, 25, 95)]     // 49900 / 525 = 95.04... -> 95
    [InlineData(1199, 1200, 100, 92)]  // 119900 / 1300 = 92.23 -> 92
    [InlineData(1, 200, 0, 1)]         // 0.5 rounds half up -> 1
    [InlineData(1, 300, 0, 0)]         // 0.33 -> 0
    public void PricePer100Coins_RoundsHalfUpIncludingBonus(long price, long coins, long bonus, long expected) =>
        Assert.Equal(expected, new CoinPackageOffer("p", coins, bonus, new Money("USD", price)).PricePer100Coins.MinorUnits);
}
