using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PaymentCore.Security;

/// <summary>The key and algorithm that verify service tokens: HS256 from a shared secret, ES256 or RS256 from a PEM public key.</summary>
public static class JwtSigningKeys
{
    /// <summary>HMAC-SHA256 needs a key at least as long as its output to be safe.</summary>
    public const int MinSecretBytes = 32;

    /// <summary>Throws <see cref="CryptographicException"/> or <see cref="IOException"/> when the key file is unusable.</summary>
    public static (SecurityKey Key, string Algorithm) Load(JwtCallerOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            return (new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)), SecurityAlgorithms.HmacSha256);
        }

        // A "PUBLIC KEY" PEM block can hold either kind; only an EC key imports as ECDsa.
        var pem = File.ReadAllText(options.PublicKeyPath!);
        var ecdsa = ECDsa.Create();
        if (TryImport(ecdsa, pem))
        {
            return (new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256);
        }

        ecdsa.Dispose();
        var rsa = RSA.Create();
        if (TryImport(rsa, pem))
        {
            return (new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        }

        rsa.Dispose();
        throw new CryptographicException($"'{options.PublicKeyPath}' holds no PEM RSA or EC public key.");
    }

    private static bool TryImport(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
