using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// The payer's e-mail address some gateways need (Konbini, Klarna): checked the same way for every
/// method, and known to the instrument limits only by a digest, never in clear.
/// </summary>
public static class PayerEmail
{
    private const int MaxLength = 254;

    /// <summary>Whether <paramref name="email"/> is an address (one @, a dot in the domain, printable, no spaces); adds a violation when not.</summary>
    public static bool IsValid(string field, string email, IFieldViolations violations)
    {
        if (!violations.RequirePrintable(field, email, MaxLength))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || !email[(at + 1)..].Contains('.', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal))
        {
            violations.Add(field, "must be an e-mail address");
            return false;
        }

        return true;
    }

    /// <summary>A digest of the address, case folded, for limit keys.</summary>
    public static string Digest(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())));
}
