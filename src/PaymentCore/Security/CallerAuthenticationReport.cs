using Microsoft.Extensions.Options;

namespace PaymentCore.Security;

/// <summary>Says at startup, in one line, how callers are authenticated, so an open loopback-only setup is never a surprise.</summary>
public sealed partial class CallerAuthenticationReport(
    IConfiguration configuration,
    IOptions<CallerAuthenticationOptions> options,
    ILogger<CallerAuthenticationReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!CallerAuthentication.IsConfigured(configuration))
        {
            LogAnonymous();
            return Task.CompletedTask;
        }

        var certificates = CallerAuthentication.UsesClientCertificates(configuration) ? options.Value.Certificates.Count : 0;
        var issuer = options.Value.Jwt.IsConfigured ? options.Value.Jwt.Issuer! : "(off)";
        LogAuthenticated(certificates, issuer);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No caller authentication is configured: every caller is anonymous with every scope, so PaymentCore listens on loopback addresses only. Configure Grpc:ClientCa:Path and Authentication:Certificates, or Authentication:Jwt, to serve other hosts.")]
    private partial void LogAnonymous();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Caller authentication on: {CertificateCallers} client-certificate callers, service tokens from issuer {Issuer}; every RPC checks its scope.")]
    private partial void LogAuthenticated(int certificateCallers, string issuer);
}
