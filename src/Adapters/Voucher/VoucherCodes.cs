using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// How a voucher code becomes the key it is stored under. Codes are read back by people, so
/// case, spaces and dashes do not matter; the ledger keeps only a SHA-256 of the normalized code.
/// </summary>
public static class VoucherCodes
{
    public static string Hash(string code)
    {
        var normalized = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
