namespace PaymentCore.Startup;

/// <summary>
/// The two addresses PaymentCore listens on, as configured: <c>Grpc:Url</c> (the API) and
/// <c>Http:Url</c> (webhooks, health, metrics), with their loopback defaults.
/// </summary>
public static class ListenUrls
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:50051";
    public const string DefaultHttpUrl = "http://127.0.0.1:8080";

    public static string Grpc(IConfiguration configuration) => configuration["Grpc:Url"] ?? DefaultGrpcUrl;

    public static string Http(IConfiguration configuration) => configuration["Http:Url"] ?? DefaultHttpUrl;

    /// <summary>The port of <c>Http:Url</c>: webhooks, health and metrics answer only there.</summary>
    public static int HttpPort(IConfiguration configuration) => new Uri(Http(configuration)).Port;
}
