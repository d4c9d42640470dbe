using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PaymentCore.Tests.Security;

/// <summary>
/// A certificate authority made in process for one test run (P-256 keys, nothing written to the
/// repository): it issues the server certificate for 127.0.0.1 and client certificates.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;
    private long _serial;

    private TestCertificateAuthority(string name)
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Certificate { get; }

    public static TestCertificateAuthority Create(string name) => new(name);

    /// <summary>A server certificate for 127.0.0.1 and localhost.</summary>
    public X509Certificate2 IssueServer()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        return Issue("CN=localhost", new Oid("1.3.6.1.5.5.7.3.1"), DateTimeOffset.UtcNow.AddDays(7), san.Build());
    }

    /// <summary>A client certificate with the given common name, valid until <paramref name="notAfter"/> (a week by default).</summary>
    public X509Certificate2 IssueClient(string commonName, DateTimeOffset? notAfter = null) =>
        Issue($"CN={commonName}", new Oid("1.3.6.1.5.5.7.3.2"), notAfter ?? DateTimeOffset.UtcNow.AddDays(7), extra: null);

    /// <summary>Writes the CA certificate as PEM, the form <c>Grpc:ClientCa:Path</c> takes.</summary>
    public string WriteCertificatePem(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private X509Certificate2 Issue(string subject, Oid usage, DateTimeOffset notAfter, X509Extension? extra)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (extra is not null)
        {
            request.CertificateExtensions.Add(extra);
        }

        var notBefore = DateTimeOffset.UtcNow.AddDays(-2);
        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial) + DateTime.UtcNow.Ticks);
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a certificate whose key TLS can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }
}
