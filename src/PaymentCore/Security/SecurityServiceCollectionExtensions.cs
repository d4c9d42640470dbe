using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PaymentCore.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Caller authentication from section "Authentication" and <c>Grpc:ClientCa:Path</c> (checked
    /// at startup). Authorization per RPC and the per-caller rate limit belong to the API
    /// (<c>AddPaymentCoreApi</c>).
    /// </summary>
    public static IServiceCollection AddCallerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallerAuthenticationOptions>().BindConfiguration("Authentication").ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallerAuthenticationOptions>, CallerAuthenticationOptionsValidator>();
        services.AddHostedService<CallerAuthenticationReport>();

        // Without a default scheme the authentication middleware leaves every caller anonymous.
        var authentication = services.AddAuthentication();
        if (!CallerAuthentication.IsConfigured(configuration))
        {
            return services;
        }

        var usesTokens = CallerAuthentication.UsesTokens(configuration);
        var usesCertificates = CallerAuthentication.UsesClientCertificates(configuration);
        services.Configure<AuthenticationOptions>(options => options.DefaultScheme = CallerAuthentication.Scheme);
        authentication.AddPolicyScheme(CallerAuthentication.Scheme, "Calling service", options =>
            options.ForwardDefaultSelector = context =>
                usesTokens && (!usesCertificates || HasBearerToken(context))
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CertificateAuthenticationDefaults.AuthenticationScheme);

        if (usesTokens)
        {
            authentication.AddJwtBearer();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<IOptions<CallerAuthenticationOptions>>((options, callers) => ConfigureTokens(options, callers.Value.Jwt));
        }

        if (usesCertificates)
        {
            var clientCaPath = configuration[CallerAuthentication.ClientCaPathKey]!;
            authentication.AddCertificate();
            services.AddOptions<CertificateAuthenticationOptions>(CertificateAuthenticationDefaults.AuthenticationScheme)
                .Configure<IOptions<CallerAuthenticationOptions>>((options, callers) =>
                    ConfigureCertificates(options, ClientCertificateAuthority.Load(clientCaPath), callers.Value.Certificates));
        }

        return services;
    }

    private static bool HasBearerToken(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureTokens(JwtBearerOptions options, JwtCallerOptions jwt)
    {
        var (key, algorithm) = JwtSigningKeys.Load(jwt);
        // Keep "sub" and "scope" as sent instead of mapping them to long WS-* claim types.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [algorithm],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = jwt.ClockSkew,
            NameClaimType = "sub",
        };
        options.Events = new JwtBearerEvents
        {
            // The subject names the caller in idempotency scopes and the audit trail: no name, no entry.
            OnTokenValidated = context =>
            {
                if (string.IsNullOrWhiteSpace(context.Principal?.Identity?.Name))
                {
                    context.Fail("The token has no subject (sub) naming the calling service.");
                }

                return Task.CompletedTask;
            },
        };
    }

    private static void ConfigureCertificates(
        CertificateAuthenticationOptions options, X509Certificate2Collection authority, List<CertificateCallerOptions> callers)
    {
        options.AllowedCertificateTypes = CertificateTypes.Chained;
        options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        options.CustomTrustStore.AddRange(authority);
        // A private CA usually publishes no revocation lists; a certificate is revoked by removing it from Authentication:Certificates.
        options.RevocationMode = X509RevocationMode.NoCheck;
        options.ValidateCertificateUse = true;
        options.ValidateValidityPeriod = true;
        options.Events = new CertificateAuthenticationEvents
        {
            OnCertificateValidated = context =>
            {
                if (CertificateCallers.Find(callers, context.ClientCertificate) is { } caller)
                {
                    context.Principal = CallerPrincipal.Create(caller.Name, caller.Scopes, context.Scheme.Name);
                    context.Success();
                }
                else
                {
                    context.Fail("The client certificate chains to the CA but belongs to no configured caller.");
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Authentication, then the rate limit partitioned by the caller it found.</summary>
    public static WebApplication UseCallerSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        return app;
    }
}
