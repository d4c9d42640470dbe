using PaymentCore.Telemetry;

namespace PaymentCore.Tests.Domain;

public sealed class CardNumberDetectorTests
{
    [Theory]
    [InlineData("4111111111111111")]          // Visa test card
    [InlineData("5555555555554444")]          // Mastercard
    [InlineData("378282246310005")]           // Amex, 15 digits
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("my card is 4242424242424242, thanks")]
    [InlineData("6011111111111117")]
    [InlineData("3782 822463 10005")]         // Amex as printed, 4-6-5
    public void Detects_LuhnValidRunsOf13To19Digits(string text) =>
        Assert.True(CardNumberDetector.ContainsCardNumber(text));

    [Theory]
    [InlineData("4111111111111112")]          // fails Luhn
    [InlineData("411111111111")]              // 12 digits
    [InlineData("41111111111111111111")]      // 20 digits
    [InlineData("user-1234")]
    [InlineData("4111  1111 1111 1111")]      // double space ends the run
    [InlineData("")]
    [InlineData("pm_card_visa")]
    [InlineData("41111111-1111-1111-aaaa-bbbbbbbbbbbb")] // a UUID whose first groups hold a Luhn-valid 16 digits
    [InlineData("abcdefab-4111-1111-1111-1111abcdef12")] // a UUID whose middle groups hold a Luhn-valid 16 digits
    [InlineData("ref4111111111111111")]                  // digits glued to a longer token
    [InlineData("0000000000000000")]                     // an unset span id: Luhn-valid, but no card starts with 0
    public void Ignores_WhatIsNotACardNumber(string text) =>
        Assert.False(CardNumberDetector.ContainsCardNumber(text));
}
