namespace PaymentCore.Api;

/// <summary>
/// Finds text that looks like a card number (PAN): a run of 13-19 digits, optionally grouped
/// by single spaces or dashes, that passes the Luhn check. Such text is never stored or logged.
/// </summary>
public static class CardNumberDetector
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    public static bool ContainsCardNumber(ReadOnlySpan<char> text)
    {
        Span<byte> digits = stackalloc byte[MaxDigits + 1];
        var count = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                if (count <= MaxDigits)
                {
                    digits[count] = (byte)(c - '0');
                }

                count++;
                continue;
            }

            // A single separator between two digits continues the run ("4111 1111-1111 1111").
            var separatorInRun = c is ' ' or '-' && count > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (separatorInRun)
            {
                continue;
            }

            if (count is >= MinDigits and <= MaxDigits && PassesLuhn(digits[..count]))
            {
                return true;
            }

            count = 0;
        }

        return false;
    }

    private static bool PassesLuhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            int digit = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
