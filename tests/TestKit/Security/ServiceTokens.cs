using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PaymentCore.Tests.Security;

/// <summary>Mints HS256 service tokens the way a token service would, including the bad ones the tests need.</summary>
public sealed class ServiceTokens
{
    public const string Issuer = "https://tokens.paymentcore.test";
    public const string Audience = "paymentcore";

    /// <summary>A fresh random secret for each test run; never a constant in the repository.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public string Mint(
        string subject,
        string scope,
        string issuer = Issuer,
        DateTime? expires = null,
        string? signingKey = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(5);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            IssuedAt = expiry.AddMinutes(-10),
            NotBefore = expiry.AddMinutes(-10),
            Expires = expiry,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scope },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
