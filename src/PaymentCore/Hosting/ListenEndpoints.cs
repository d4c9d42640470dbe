using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PaymentCore.Security;
using PaymentCore.Startup;

namespace PaymentCore.Hosting;

/// <summary>
/// Kestrel endpoints from <c>Grpc:Url</c> (HTTP/2 only) and <c>Http:Url</c> (webhooks, health,
/// metrics), each http or https (TLS from <c>Grpc:Certificate</c> / <c>Http:Certificate</c>).
/// Without caller authentication only loopback addresses are accepted.
/// </summary>
public static class ListenEndpoints
{
    public static WebApplicationBuilder ConfigureListenEndpoints(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var authenticated = CallerAuthentication.IsConfigured(configuration);
        var grpc = Parse("Grpc:Url", ListenUrls.Grpc(configuration), authenticated);
        var http = Parse("Http:Url", ListenUrls.Http(configuration), authenticated);
        if (!grpc.Https && !IPAddress.IsLoopback(grpc.EndPoint.Address))
        {
            throw StartupRefusal.Mark(new InvalidOperationException(
                $"Grpc:Url: refusing plain h2c on {grpc.EndPoint.Address}: tokens and payment data must be encrypted off this host. Use an https URL with Grpc:Certificate."));
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(grpc.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseConfiguredTls(configuration, "Grpc", grpc.Https);
            });
            kestrel.Listen(http.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseConfiguredTls(configuration, "Http", http.Https);
            });
        });
        return builder;
    }

    private static (IPEndPoint EndPoint, bool Https) Parse(string key, string url, bool authenticated)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
        {
            throw StartupRefusal.Mark(new InvalidOperationException($"{key}: '{url}' must be an http or https URL with a host and port, e.g. {ListenUrls.DefaultGrpcUrl}."));
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) => ip,
            _ => throw StartupRefusal.Mark(new InvalidOperationException($"{key}: '{uri.Host}' must be an IP address or localhost.")),
        };
        if (!authenticated && !IPAddress.IsLoopback(address))
        {
            throw StartupRefusal.Mark(new InvalidOperationException(
                $"{key}: refusing to listen on {address}: no caller authentication is configured, so PaymentCore binds loopback addresses only. "
                + "Configure Grpc:ClientCa:Path with Authentication:Certificates, or Authentication:Jwt, to listen on other addresses."));
        }

        return (new IPEndPoint(address, uri.Port), uri.Scheme == Uri.UriSchemeHttps);
    }
}
