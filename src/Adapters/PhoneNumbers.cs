using System.Text.RegularExpressions;

namespace PaymentCore.Adapters;

/// <summary>
/// Phone numbers (E.164, as CAMARA writes them: <c>^\+[1-9][0-9]{4,14}$</c>) are personal data: they
/// are checked here, and anything that may reach a log, a metric, a trace or an error message shows
/// them masked, all but the last two digits.
/// </summary>
public static partial class PhoneNumbers
{
    public static bool IsE164(string? text) => text is not null && E164().IsMatch(text);

    /// <summary>
    /// "+4915112345678" → "+***********78"; a number masked already stays as it is (a stored recharge's);
    /// anything else is masked whole.
    /// </summary>
    public static string Mask(string? phoneNumber) => phoneNumber switch
    {
        _ when IsE164(phoneNumber) => string.Concat("+", new string('*', phoneNumber!.Length - 3), phoneNumber.AsSpan(phoneNumber.Length - 2)),
        _ when IsMasked(phoneNumber) => phoneNumber!,
        _ => "***",
    };

    /// <summary>Whether <paramref name="text"/> is a number as <see cref="Mask"/> left it: kept masked (on a stored recharge), not dialable.</summary>
    public static bool IsMasked(string? text) => text is not null && Masked().IsMatch(text);

    /// <summary>The text with every phone number in it masked, for a message that came from elsewhere (an operator's error).</summary>
    public static string Redact(string text) => Embedded().Replace(text, match => Mask(match.Value));

    [GeneratedRegex(@"^\+[1-9][0-9]{4,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex(@"^(\+\*{3,13}[0-9]{2}|\*\*\*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Masked();

    [GeneratedRegex(@"\+[1-9][0-9]{4,14}", RegexOptions.CultureInvariant)]
    private static partial Regex Embedded();
}
