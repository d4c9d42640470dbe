using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PaymentCore.Security;

/// <summary>Finds the configured caller a client certificate (already chain-validated against the CA) belongs to.</summary>
public static class CertificateCallers
{
    public static CertificateCallerOptions? Find(IEnumerable<CertificateCallerOptions> callers, X509Certificate2 certificate)
    {
        var fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return callers.FirstOrDefault(caller =>
            (caller.Thumbprint is { Length: > 0 } thumbprint && string.Equals(Normalize(thumbprint), fingerprint, StringComparison.OrdinalIgnoreCase))
            || (caller.Subject is { Length: > 0 } subject && string.Equals(
                new X500DistinguishedName(subject).Name, certificate.SubjectName.Name, StringComparison.Ordinal)));
    }

    /// <summary>openssl prints fingerprints as "AB:CD:…"; .NET as "ABCD…".</summary>
    public static string Normalize(string thumbprint) => thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
}
