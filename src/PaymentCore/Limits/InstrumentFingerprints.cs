using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaymentCore.Limits;

/// <summary>
/// Keys the limit fingerprint of an instrument that is personal data (a phone number) with an
/// HMAC-SHA256 under <c>Limits:FingerprintKey</c>. A plain digest of a phone number is reversed by
/// hashing every number of a country; without the key the fingerprint tells nothing. Fingerprints of
/// gateway tokens are not personal data and pass unchanged (their limit keys stay as they were).
/// </summary>
public sealed class InstrumentFingerprints
{
    public const string KeyField = "Limits:FingerprintKey";
    public const int MinKeyLength = 32;

    private readonly byte[] _key;

    /// <exception cref="OptionsValidationException">The configured key is shorter than <see cref="MinKeyLength"/>.</exception>
    public InstrumentFingerprints(IOptions<LimitsOptions> options)
    {
        var configured = options.Value.FingerprintKey;
        if (configured is not null && configured.Length < MinKeyLength)
        {
            throw new OptionsValidationException("Limits", typeof(LimitsOptions), [$"{KeyField}: must be at least {MinKeyLength} characters"]);
        }

        // Unset: a key of this process only, which is enough while nothing outlives it (the in-memory
        // store) or in test mode; a live deployment with a real operator must configure one (CarrierBillingFingerprintKeyCheck).
        _key = configured is null ? RandomNumberGenerator.GetBytes(MinKeyLength) : Encoding.UTF8.GetBytes(configured);
    }

    /// <summary>The fingerprint the limits count <paramref name="fingerprint"/> under: keyed when it is personal data.</summary>
    public string? Of(string? fingerprint, bool personalData) =>
        fingerprint is null || !personalData
            ? fingerprint
            : "hmac:" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(fingerprint)));
}
