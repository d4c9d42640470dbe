using PaymentCore.Currencies;

namespace PaymentCore.Tests.Domain;

public sealed class MinorUnitMathTests
{
    [Theory]
    [InlineData(0, 100, 0)]
    [InlineData(1, 100, 1)]
    [InlineData(99, 100, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(101, 100, 2)]
    [InlineData(14850, 100, 149)]
    public void DivideRoundingUp_NeverComesOutShort(long numerator, long denominator, long expected) =>
        Assert.Equal(expected, MinorUnitMath.DivideRoundingUp(numerator, denominator));

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(1, 2, 1)]   // exactly half: up
    [InlineData(149, 100, 1)]
    [InlineData(150, 100, 2)]
    [InlineData(151, 100, 2)]
    [InlineData(1, 3, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(49900, 525, 95)]
    public void DivideRoundingHalfUp_RoundsExactHalvesUp(long numerator, long denominator, long expected) =>
        Assert.Equal(expected, MinorUnitMath.DivideRoundingHalfUp(numerator, denominator));

    [Fact]
    public void Products_BeyondLong_AreExactInInt128()
    {
        // 9e18 minor units × 1000 coins ÷ 1000: the product overflows a long, the result does not.
        var product = (Int128)9_000_000_000_000_000_000 * 1000;

        Assert.Equal(9_000_000_000_000_000_000, MinorUnitMath.DivideRoundingUp(product, 1000));
        Assert.Equal(9_000_000_000_000_000_000, MinorUnitMath.DivideRoundingHalfUp(product, 1000));
    }

    [Fact]
    public void ResultsBeyondLong_ThrowInsteadOfWrapping()
    {
        var tooLarge = (Int128)long.MaxValue * 4;

        Assert.Throws<OverflowException>(() => MinorUnitMath.DivideRoundingUp(tooLarge, 2));
        Assert.Throws<OverflowException>(() => MinorUnitMath.DivideRoundingHalfUp(tooLarge, 3));
    }

    [Fact]
    public void NegativeAmountsAndNonPositiveDivisors_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MinorUnitMath.DivideRoundingUp(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinorUnitMath.DivideRoundingHalfUp(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinorUnitMath.DivideRoundingHalfUp(1, -2));
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(3, "1000")]
    [InlineData(19, "10000000000000000000")]
    public void PowerOfTen_IsExact(int exponent, string expected) =>
        Assert.Equal(Int128.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), MinorUnitMath.PowerOfTen(exponent));

    [Theory]
    [InlineData("17.25", 1725, 100)]
    [InlineData("150", 150, 1)]
    [InlineData("0.0068", 68, 10000)]
    [InlineData("0", 0, 1)]
    [InlineData("007.50", 750, 100)]
    public void DecimalRatio_ReadsDecimalTextExactly(string text, long numerator, long denominator)
    {
        Assert.True(DecimalRatio.TryParse(text, out var ratio, out var error), error);
        Assert.Equal(new DecimalRatio(numerator, denominator), ratio);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("1234567890.1234567890")]
    public void DecimalRatio_RefusesWhatIsNotAPlainDecimal(string text) =>
        Assert.False(DecimalRatio.TryParse(text, out _, out _));
}
