using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PaymentCore.Catalog;

namespace PaymentCore.Pricing;

/// <summary>
/// Makes quotes tamper-proof without storing them: a quote id is "q1." + the quote's contents +
/// "." + an HMAC-SHA256 of the first two parts under <c>Catalog:QuoteSigningKey</c>, both parts
/// base64url. Changing any character of it breaks the signature. Without a configured key the
/// process draws a random one at startup, so its quotes are honoured only by that process and not
/// after a restart: replicas behind one address must share a configured key.
/// </summary>
public sealed partial class QuoteSigner
{
    private const string Version = "q1";
    private readonly byte[] _key;

    public QuoteSigner(IOptions<CatalogOptions> options, ILogger<QuoteSigner> logger)
    {
        if (options.Value.QuoteSigningKey is { Length: > 0 } key)
        {
            _key = Encoding.UTF8.GetBytes(key);
        }
        else
        {
            _key = RandomNumberGenerator.GetBytes(32);
            LogRandomKey(logger);
        }
    }

    public string Sign(QuoteContent content)
    {
        var signed = $"{Version}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(content, QuoteJson.Default.QuoteContent))}";
        return $"{signed}.{Base64Url.EncodeToString(Mac(signed))}";
    }

    /// <summary>The contents of a quote id this signer issued; false for anything else, altered or not a quote at all.</summary>
    public bool TryVerify(string quoteId, [NotNullWhen(true)] out QuoteContent? content)
    {
        content = null;
        var parts = quoteId.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return false;
        }

        // The signature is compared as text, so that no second spelling of the same bytes passes either.
        var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Mac($"{parts[0]}.{parts[1]}")));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return false;
        }

        content = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), QuoteJson.Default.QuoteContent);
        return content is not null;
    }

    private byte[] Mac(string signed) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog:QuoteSigningKey is not set: quotes are signed with a random key and are honoured only by this process until it stops")]
    private static partial void LogRandomKey(ILogger logger);
}
