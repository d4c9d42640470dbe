namespace PaymentCore.Currencies;

/// <summary>
/// Exact division for money. A price computation forms its product (amount × coins, amount ×
/// rate, …) in <see cref="Int128"/>, where products of long operands cannot overflow, and divides
/// once, with the rounding rule the method names. A result that does not fit a long of minor units
/// throws <see cref="OverflowException"/>; nothing wraps. Amounts here are never negative, so
/// negative operands are refused rather than given a rounding direction nobody chose.
/// </summary>
public static class MinorUnitMath
{
    /// <summary>
    /// ⌈numerator ÷ denominator⌉: for amounts that must never come out below the exact value, such
    /// as a price charged for a custom amount or a price converted from another currency.
    /// </summary>
    public static long DivideRoundingUp(Int128 numerator, Int128 denominator)
    {
        RequireNonNegative(numerator, denominator);
        var quotient = Int128.DivRem(numerator, denominator);
        return checked((long)(quotient.Quotient + (quotient.Remainder > 0 ? 1 : 0)));
    }

    /// <summary>
    /// numerator ÷ denominator to the nearest integer, exact halves rounded up: for shares of an
    /// amount that are shown or subtracted, such as a price per 100 coins, a discount or a tax.
    /// </summary>
    public static long DivideRoundingHalfUp(Int128 numerator, Int128 denominator)
    {
        RequireNonNegative(numerator, denominator);
        var quotient = Int128.DivRem(numerator, denominator);
        var roundsUp = quotient.Remainder >= denominator - quotient.Remainder;
        return checked((long)(quotient.Quotient + (roundsUp ? 1 : 0)));
    }

    /// <summary>10^exponent, for moving amounts between currencies of different exponents.</summary>
    public static Int128 PowerOfTen(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exponent, 38);
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static void RequireNonNegative(Int128 numerator, Int128 denominator)
    {
        if (numerator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "Money computations divide non-negative amounts only.");
        }

        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "The divisor must be positive.");
        }
    }
}
