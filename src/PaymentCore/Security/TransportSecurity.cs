using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using PaymentCore.Startup;

namespace PaymentCore.Security;

/// <summary>
/// TLS of one Kestrel endpoint from its section ("Grpc" or "Http"): <c>Certificate:Path</c> and
/// <c>Certificate:KeyPath</c> (PEM). On the gRPC port with <c>Grpc:ClientCa:Path</c> set, clients may
/// present certificates; the certificate authentication handler checks them against that CA,
/// so a bad one ends as UNAUTHENTICATED with a reason instead of a bare failed handshake.
/// </summary>
public static class TransportSecurity
{
    public static void UseConfiguredTls(this ListenOptions listen, IConfiguration configuration, string section, bool https)
    {
        var certificatePath = configuration[$"{section}:Certificate:Path"];
        var keyPath = configuration[$"{section}:Certificate:KeyPath"];
        var acceptsClientCertificates = section == "Grpc" && CallerAuthentication.UsesClientCertificates(configuration);
        if (!https)
        {
            if (!string.IsNullOrWhiteSpace(certificatePath) || acceptsClientCertificates)
            {
                throw StartupRefusal.Mark(new InvalidOperationException(
                    $"{section}:Url must be an https URL when {section}:Certificate:Path{(acceptsClientCertificates ? " or Grpc:ClientCa:Path" : string.Empty)} is set."));
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(certificatePath) || string.IsNullOrWhiteSpace(keyPath))
        {
            throw StartupRefusal.Mark(new InvalidOperationException($"{section}:Url is https: set {section}:Certificate:Path and {section}:Certificate:KeyPath (PEM files)."));
        }

        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = LoadServerCertificate(section, certificatePath, keyPath),
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = acceptsClientCertificates ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,
            ClientCertificateValidation = acceptsClientCertificates ? (_, _, _) => true : null,
        });
    }

    private static X509Certificate2 LoadServerCertificate(string section, string certificatePath, string keyPath)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw StartupRefusal.Mark(new InvalidOperationException($"{section}:Certificate: cannot load '{certificatePath}' with key '{keyPath}': {e.Message}", e));
        }
    }
}
