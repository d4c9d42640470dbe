using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Adapters.Voucher;

/// <summary>
/// Voucher codes: how they are made and how one becomes the key it is stored under. Codes are read
/// back by people, so case, spaces and dashes do not matter; the ledger keeps only a SHA-256 of the
/// normalized code.
/// </summary>
public static class VoucherCodes
{
    /// <summary>
    /// 32 symbols without the look-alikes 0/O and 1/I, so every symbol carries 5 bits and nothing
    /// typed from a printed card is ambiguous.
    /// </summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>
    /// Symbols per code: 80 random bits. Guessing stays hopeless even with a billion live codes
    /// (one chance in 2^50 per guess), and an unsalted digest is safe to store: nobody can search
    /// 2^80 codes for the one behind a digest.
    /// </summary>
    public const int Length = 16;

    private const int GroupLength = 4;

    /// <summary>A new code from the system's CSPRNG, in groups of four: "7KQM-3XWP-N9TC-HF2R".</summary>
    public static string New()
    {
        Span<char> symbols = stackalloc char[Length];
        RandomNumberGenerator.GetItems(Alphabet, symbols);
        var code = new StringBuilder(Length + (Length / GroupLength) - 1);
        for (var i = 0; i < Length; i += GroupLength)
        {
            code.Append(i == 0 ? string.Empty : "-").Append(symbols.Slice(i, GroupLength));
        }

        return code.ToString();
    }

    public static string Hash(string code)
    {
        var normalized = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
