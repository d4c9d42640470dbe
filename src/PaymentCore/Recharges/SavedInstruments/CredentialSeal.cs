using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaymentCore.Recharges.SavedInstruments;

/// <summary>
/// Seals the credential of a saved instrument that is personal data (a carrier-billing phone number,
/// which a repeat must send to the operator again) with AES-256-GCM under a key derived (HKDF-SHA256)
/// from <c>SavedInstruments:SealingKey</c>. The user and instrument id are the associated data, so a
/// sealed number copied to another user's or another instrument's record does not open. Sealed form:
/// "sealed:v1:" + base64url(nonce ‖ tag ‖ ciphertext). The clear value lives only in memory, for the
/// call that needs it, and is never logged.
/// </summary>
public sealed class CredentialSeal
{
    /// <summary>The unusable reason of an instrument whose credential does not open: sealed under another key.</summary>
    public const string KeyChanged = "sealing_key_changed";

    private const string Prefix = "sealed:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] KeyInfo = "paymentcore saved-instrument credential v1"u8.ToArray();

    private readonly byte[] _key;

    public CredentialSeal(IOptions<SavedInstrumentsOptions> options)
    {
        var configured = options.Value.SealingKey;
        _key = configured is null
            ? RandomNumberGenerator.GetBytes(32)
            : HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(configured), 32, salt: [], info: KeyInfo);
    }

    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string clear, string userId, string instrumentId)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Context(userId, instrumentId));
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The clear value, or null when it was sealed under another key, for another instrument, or is not sealed.</summary>
    public string? Open(string sealedValue, string userId, string instrumentId)
    {
        if (!IsSealed(sealedValue))
        {
            return null;
        }

        try
        {
            var sealedBytes = Base64Url.DecodeFromChars(sealedValue.AsSpan(Prefix.Length));
            if (sealedBytes.Length < NonceSize + TagSize)
            {
                return null;
            }

            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Context(userId, instrumentId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] Context(string userId, string instrumentId) => Encoding.UTF8.GetBytes($"{userId}\n{instrumentId}");
}
