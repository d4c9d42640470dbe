using System.Text.RegularExpressions;

namespace PaymentCore.Telemetry;

/// <summary>
/// Masks what must never reach a log line or a trace: card numbers (as <see cref="CardNumberDetector"/>
/// sees them), e-mail addresses, IBANs, gateway tokens and keys (pm_…, tok_…, sk_live_…), bearer tokens
/// and JWTs, and values of secret-named settings. Errs toward masking too much.
/// </summary>
public static partial class SensitiveText
{
    public const string Mask = "[redacted]";

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = CardCandidate().Replace(text, m => CardNumberDetector.ContainsCardNumber(m.Value) ? "[card]" : m.Value);
        redacted = Jwt().Replace(redacted, Mask);
        redacted = Bearer().Replace(redacted, "$1" + Mask);
        redacted = Email().Replace(redacted, "[email]");
        redacted = Iban().Replace(redacted, "[iban]");
        redacted = GatewayToken().Replace(redacted, "$1_" + Mask);
        return SecretSetting().Replace(redacted, "$1" + Mask);
    }

    /// <summary>Runs of digits, possibly grouped by spaces or dashes, long enough to hold a card number.</summary>
    [GeneratedRegex(@"\d[\d -]{11,}\d")]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(bearer\s+)\S+")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    /// <summary>
    /// What could be an IBAN as IBANs are written (upper case: a country code, two check digits, 11 to
    /// 30 letters or digits, grouped by single spaces or not), checked or not: a bank account number is
    /// personal data. Upper case only, so hexadecimal trace ids stay readable.
    /// </summary>
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")]
    private static partial Regex Iban();

    /// <summary>Stripe-style object and key prefixes; recharge ids (rch_) and sandbox tokens stay readable.</summary>
    [GeneratedRegex(@"\b(pm|tok|card|src|seti|pi|ch|cus|sk|pk|rk|whsec|ba|btok)_[A-Za-z0-9_]{4,}")]
    private static partial Regex GatewayToken();

    [GeneratedRegex(@"(?i)\b((?:password|passwd|secret|client_secret|api_?key|access_token|refresh_token|signing_?key|authorization)\s*[=:]\s*)[^\s,;&]+")]
    private static partial Regex SecretSetting();
}
