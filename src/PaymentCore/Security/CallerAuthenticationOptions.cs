namespace PaymentCore.Security;

/// <summary>
/// Section "Authentication": who may call. Callers authenticate with a client certificate (mutual
/// TLS against the CA bundle in <c>Grpc:ClientCa:Path</c>, each known certificate listed under
/// <see cref="Certificates"/>) or with a signed service token (<see cref="Jwt"/>), or either.
/// With neither configured every caller is anonymous and PaymentCore binds loopback only.
/// </summary>
public sealed class CallerAuthenticationOptions
{
    public JwtCallerOptions Jwt { get; set; } = new();

    /// <summary>The calling services known by client certificate, with their scopes.</summary>
    public List<CertificateCallerOptions> Certificates { get; set; } = [];
}

/// <summary>Section "Authentication:Jwt": service tokens signed with HS256 (shared secret) or RS256/ES256 (public key).</summary>
public sealed class JwtCallerOptions
{
    /// <summary>The required <c>iss</c>. Setting it turns token authentication on.</summary>
    public string? Issuer { get; set; }

    /// <summary>The required <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>HS256 shared secret, at least 32 bytes of UTF-8. Give it by environment or secret store, never in a file in the repository.</summary>
    public string? SigningKey { get; set; }

    /// <summary>PEM file with the RSA (RS256) or EC P-256 (ES256) public key that verifies tokens.</summary>
    public string? PublicKeyPath { get; set; }

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Issuer);
}

/// <summary>One calling service known by its client certificate.</summary>
public sealed class CertificateCallerOptions
{
    /// <summary>The caller's name: its identity in idempotency scopes, audit entries, rate limits and metrics.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The certificate's subject, e.g. "CN=wallet-service"; matches any certificate of the CA with that subject.</summary>
    public string? Subject { get; set; }

    /// <summary>The certificate's SHA-256 fingerprint in hex (colons allowed); pins exactly one certificate.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>The scopes granted, from <see cref="CallerScopes.All"/>.</summary>
    public List<string> Scopes { get; set; } = [];
}
