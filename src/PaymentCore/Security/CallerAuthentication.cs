namespace PaymentCore.Security;

/// <summary>Whether callers must authenticate, read straight from configuration because Kestrel's endpoints need it before services exist.</summary>
public static class CallerAuthentication
{
    /// <summary>The scheme that picks the token or the certificate handler for each request.</summary>
    public const string Scheme = "Caller";

    public const string ClientCaPathKey = "Grpc:ClientCa:Path";

    public static bool IsConfigured(IConfiguration configuration) =>
        UsesTokens(configuration) || UsesClientCertificates(configuration);

    public static bool UsesTokens(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Authentication:Jwt:Issuer"]);

    public static bool UsesClientCertificates(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ClientCaPathKey]);
}
