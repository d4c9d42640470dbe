using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using PaymentCore.Hosting;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Security;

/// <summary>
/// The real PaymentCore host on real Kestrel over TLS on loopback, with caller authentication on:
/// client certificates from <see cref="ClientAuthority"/> and HS256 tokens from <see cref="Tokens"/>.
/// Certificates are made in process and written to a temporary directory for the host to load.
/// </summary>
public sealed class TlsPaymentCoreServer : IAsyncLifetime, IAsyncDisposable
{
    public const string WalletService = "wallet-service";
    public const string SupportTool = "support-tool";
    public const string UnlistedService = "unlisted-service";

    private readonly string _directory = Directory.CreateTempSubdirectory("paymentcore-tls-").FullName;
    private WebApplication? _app;
    private X509Certificate2? _supportToolCertificate;

    public TestCertificateAuthority ServerAuthority { get; } = TestCertificateAuthority.Create("PaymentCore Test Server CA");

    public TestCertificateAuthority ClientAuthority { get; } = TestCertificateAuthority.Create("PaymentCore Test Client CA");

    public ServiceTokens Tokens { get; } = new();

    /// <summary>The one certificate of <see cref="SupportTool"/>, which is pinned by fingerprint rather than subject.</summary>
    public X509Certificate2 SupportToolCertificate => _supportToolCertificate ??= ClientAuthority.IssueClient(SupportTool);

    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>Extra settings, applied over the defaults; set before <see cref="InitializeAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Changes to the host's services (e.g. a log capture); set before <see cref="InitializeAsync"/>.</summary>
    public Action<WebApplicationBuilder>? Customize { get; set; }

    public async Task InitializeAsync()
    {
        using var serverCertificate = ServerAuthority.IssueServer();
        var certificatePath = Path.Combine(_directory, "server.pem");
        var keyPath = Path.Combine(_directory, "server.key");
        await File.WriteAllTextAsync(certificatePath, serverCertificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, serverCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        GrpcAddress = new Uri($"https://127.0.0.1:{FreePort.Next()}");
        var settings = new Dictionary<string, string?>
        {
            ["Grpc:Url"] = GrpcAddress.ToString().TrimEnd('/'),
            ["Http:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Grpc:Certificate:Path"] = certificatePath,
            ["Grpc:Certificate:KeyPath"] = keyPath,
            ["Grpc:ClientCa:Path"] = ClientAuthority.WriteCertificatePem(_directory, "client-ca.pem"),
            ["Authentication:Certificates:0:Name"] = WalletService,
            ["Authentication:Certificates:0:Subject"] = $"CN={WalletService}",
            ["Authentication:Certificates:0:Scopes:0"] = "recharge:read",
            ["Authentication:Certificates:0:Scopes:1"] = "recharge:write",
            ["Authentication:Certificates:1:Name"] = SupportTool,
            ["Authentication:Certificates:1:Thumbprint"] = SupportToolCertificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
            ["Authentication:Certificates:1:Scopes:0"] = "recharge:read",
            ["Authentication:Jwt:Issuer"] = ServiceTokens.Issuer,
            ["Authentication:Jwt:Audience"] = ServiceTokens.Audience,
            ["Authentication:Jwt:SigningKey"] = Tokens.SigningKey,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        _app = PaymentCoreHost.Build(settings.Select(s => $"--{s.Key}={s.Value}").ToArray(), Customize);
        await _app.StartAsync();
    }

    /// <summary>
    /// A channel that trusts only the test server CA and presents <paramref name="clientCertificate"/>, if any.
    /// With <paramref name="bearerToken"/> every call carries "authorization: Bearer …".
    /// </summary>
    public GrpcChannel Channel(X509Certificate2? clientCertificate = null, string? bearerToken = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsIssuedByServerAuthority(certificate),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        var options = new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true };
        if (bearerToken is not null)
        {
            var token = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + bearerToken);
                return Task.CompletedTask;
            });
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, token);
        }

        return GrpcChannel.ForAddress(GrpcAddress, options);
    }

    /// <summary>Stops the host, flushing its logs; safe to call more than once.</summary>
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        _supportToolCertificate?.Dispose();
        ServerAuthority.Dispose();
        ClientAuthority.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private bool IsIssuedByServerAuthority(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ServerAuthority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
