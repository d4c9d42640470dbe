using System.Text.RegularExpressions;
using PaymentCore.Api;

namespace PaymentCore.Telemetry;

/// <summary>
/// Masks what must never reach a log line or a trace: card numbers (as <see cref="CardNumberDetector"/>
/// sees them), e-mail addresses, gateway tokens and keys (pm_…, tok_…, sk_live_…), bearer tokens
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

    /// <summary>Stripe-style object and key prefixes; recharge ids (rch_) and sandbox tokens stay readable.</summary>
    [GeneratedRegex(@"\b(pm|tok|card|src|seti|pi|ch|cus|sk|pk|rk|whsec|ba|btok)_[A-Za-z0-9_]{4,}")]
    private static partial Regex GatewayToken();

    [GeneratedRegex(@"(?i)\b((?:password|passwd|secret|client_secret|api_?key|access_token|refresh_token|signing_?key|authorization)\s*[=:]\s*)[^\s,;&]+")]
    private static partial Regex SecretSetting();
}
