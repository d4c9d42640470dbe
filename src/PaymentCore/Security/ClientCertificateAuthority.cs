using System.Security.Cryptography.X509Certificates;

namespace PaymentCore.Security;

/// <summary>The CA bundle (PEM, one or more certificates) that client certificates must chain to.</summary>
public static class ClientCertificateAuthority
{
    public static X509Certificate2Collection Load(string path)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(path);
        return bundle;
    }
}
