namespace PaymentCore.Telemetry;

/// <summary>
/// Finds text that looks like a card number (PAN): 13-19 digits that pass the Luhn check, either
/// as one unbroken run or written the way cards are printed, in groups of four split by single
/// spaces or dashes (Amex: 4-6-5), standing as a word of its own (not glued to letters or digits).
/// Other groupings, such as the 8-4-4-4-12 of a UUID, and digits inside a longer token are not
/// taken for a card, so UUID idempotency keys pass; nor is a run starting with 0, the major industry
/// identifier no card scheme issues under (an all-zero trace or span id passes Luhn). Such text is
/// never stored or logged.
/// </summary>
public static class CardNumberDetector
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    public static bool ContainsCardNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var (end, isCard) = ScanRun(text, i);
            var standsAlone = (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]))
                && (end == text.Length || !char.IsAsciiLetterOrDigit(text[end]));
            if (isCard && standsAlone)
            {
                return true;
            }

            i = end;
        }

        return false;
    }

    /// <summary>Reads the digit groups starting at <paramref name="start"/>; returns where they end and whether they form a card number.</summary>
    private static (int End, bool IsCard) ScanRun(ReadOnlySpan<char> text, int start)
    {
        Span<int> groups = stackalloc int[MaxDigits + 1];
        var groupCount = 0;
        var position = start;
        while (true)
        {
            var groupStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (groupCount <= MaxDigits)
            {
                groups[groupCount] = position - groupStart;
            }

            groupCount++;
            var continues = position + 1 < text.Length && text[position] is ' ' or '-' && char.IsAsciiDigit(text[position + 1]);
            if (!continues)
            {
                break;
            }

            position++;
        }

        var digits = DigitsOf(text[start..position]);
        var lengths = groups[..Math.Min(groupCount, groups.Length)];
        var isCard = digits.Length is >= MinDigits and <= MaxDigits
            && digits[0] != '0'
            && (groupCount == 1 || IsCardGrouping(lengths))
            && PassesLuhn(digits);
        return (position, isCard);
    }

    private static bool IsCardGrouping(ReadOnlySpan<int> lengths)
    {
        if (lengths.SequenceEqual([4, 6, 5]) || lengths.SequenceEqual([4, 6, 4]))
        {
            return true;
        }

        for (var i = 0; i < lengths.Length - 1; i++)
        {
            if (lengths[i] != 4)
            {
                return false;
            }
        }

        return lengths[^1] is >= 1 and <= 4;
    }

    private static string DigitsOf(ReadOnlySpan<char> run)
    {
        Span<char> digits = stackalloc char[run.Length];
        var count = 0;
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
        }

        return new string(digits[..count]);
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
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
