using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PaymentCore.Hosting;

/// <summary>
/// Kestrel endpoints from <c>Grpc:Url</c> (h2c, HTTP/2 only) and <c>Http:Url</c> (webhooks,
/// health, metrics). Without caller authentication only loopback addresses are accepted.
/// </summary>
public static class ListenEndpoints
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:50051";
    public const string DefaultHttpUrl = "http://127.0.0.1:8080";

    public static WebApplicationBuilder ConfigureListenEndpoints(this WebApplicationBuilder builder)
    {
        var grpc = Parse("Grpc:Url", builder.Configuration["Grpc:Url"] ?? DefaultGrpcUrl);
        var http = Parse("Http:Url", builder.Configuration["Http:Url"] ?? DefaultHttpUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(grpc, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(http, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        });
        return builder;
    }

    private static IPEndPoint Parse(string key, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"{key}: '{url}' must be an http URL with a host and port, e.g. {DefaultGrpcUrl}.");
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) => ip,
            _ => throw new InvalidOperationException($"{key}: '{uri.Host}' must be an IP address or localhost."),
        };
        if (!IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException(
                $"{key}: refusing to listen on {address}: no caller authentication is configured, so PaymentCore binds loopback addresses only.");
        }

        return new IPEndPoint(address, uri.Port);
    }
}
