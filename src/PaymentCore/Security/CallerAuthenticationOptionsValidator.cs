using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaymentCore.Security;

/// <summary>
/// Checks section "Authentication" and <c>Grpc:ClientCa:Path</c> at startup, loading the key and
/// CA files, so a bad setup stops the process with the key named instead of failing the first call.
/// </summary>
public sealed class CallerAuthenticationOptionsValidator(IConfiguration configuration) : IValidateOptions<CallerAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, CallerAuthenticationOptions options)
    {
        var failures = new List<string>();
        ValidateJwt(options.Jwt, failures);
        ValidateCertificates(options.Certificates, configuration[CallerAuthentication.ClientCaPathKey], failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateJwt(JwtCallerOptions jwt, List<string> failures)
    {
        // Empty values count as unset: a compose file passes empty variables for what it leaves out.
        var anySet = new[] { jwt.Audience, jwt.SigningKey, jwt.PublicKeyPath }.Any(v => !string.IsNullOrWhiteSpace(v));
        if (!jwt.IsConfigured)
        {
            if (anySet)
            {
                failures.Add("Authentication:Jwt:Issuer is required when any other Authentication:Jwt key is set.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add("Authentication:Jwt:Audience is required with Authentication:Jwt:Issuer.");
        }

        if (string.IsNullOrEmpty(jwt.SigningKey) == string.IsNullOrEmpty(jwt.PublicKeyPath))
        {
            failures.Add("Authentication:Jwt: set exactly one of SigningKey (HS256) and PublicKeyPath (RS256/ES256).");
            return;
        }

        if (jwt.SigningKey is { Length: > 0 } secret && Encoding.UTF8.GetByteCount(secret) < JwtSigningKeys.MinSecretBytes)
        {
            failures.Add($"Authentication:Jwt:SigningKey must be at least {JwtSigningKeys.MinSecretBytes} bytes.");
            return;
        }

        try
        {
            _ = JwtSigningKeys.Load(jwt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            failures.Add($"Authentication:Jwt:PublicKeyPath: {e.Message}");
        }
    }

    private static void ValidateCertificates(List<CertificateCallerOptions> callers, string? clientCaPath, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(clientCaPath))
        {
            if (callers.Count > 0)
            {
                failures.Add($"Authentication:Certificates needs {CallerAuthentication.ClientCaPathKey}, the CA bundle client certificates are checked against.");
            }

            return;
        }

        try
        {
            if (ClientCertificateAuthority.Load(clientCaPath).Count == 0)
            {
                failures.Add($"{CallerAuthentication.ClientCaPathKey}: '{clientCaPath}' holds no PEM certificate.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            failures.Add($"{CallerAuthentication.ClientCaPathKey}: {e.Message}");
        }

        if (callers.Count == 0)
        {
            failures.Add($"Authentication:Certificates must list at least one caller when {CallerAuthentication.ClientCaPathKey} is set.");
        }

        for (var i = 0; i < callers.Count; i++)
        {
            var caller = callers[i];
            var at = $"Authentication:Certificates:{i}";
            if (string.IsNullOrWhiteSpace(caller.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            if (string.IsNullOrWhiteSpace(caller.Subject) && string.IsNullOrWhiteSpace(caller.Thumbprint))
            {
                failures.Add($"{at}: set Subject or Thumbprint.");
            }

            if (caller.Thumbprint is { Length: > 0 } thumbprint && !IsSha256Hex(CertificateCallers.Normalize(thumbprint)))
            {
                failures.Add($"{at}:Thumbprint must be a SHA-256 fingerprint (64 hex digits, colons allowed).");
            }

            failures.AddRange(caller.Scopes.Where(s => !CallerScopes.All.Contains(s))
                .Select(s => $"{at}:Scopes: unknown scope '{s}'; known: {string.Join(", ", CallerScopes.All)}."));
        }
    }

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
