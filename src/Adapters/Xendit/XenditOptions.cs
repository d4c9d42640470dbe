using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Adapters.Xendit;

/// <summary>
/// Configuration section <c>Gateways:Xendit</c>. Without any of its keys Xendit is not offered; a
/// section with some keys but not all is refused at startup, naming the missing one.
/// </summary>
public sealed class XenditOptions : IDeclaresGatewayEnvironment
{
    public const string Section = "Gateways:Xendit";

    private const string TestPrefix = "xnd_development_";
    private const string LivePrefix = "xnd_production_";

    /// <summary>Secret API key (<c>xnd_development_…</c> or <c>xnd_production_…</c>); from the environment, never from code.</summary>
    [Required(ErrorMessage = Section + ":SecretKey is required")]
    [RegularExpression("^xnd_(development|production)_.+$", ErrorMessage = Section + ":SecretKey must start with xnd_development_ or xnd_production_")]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>The callback verification token of the Xendit dashboard: every callback carries it in <c>x-callback-token</c>.</summary>
    [Required(ErrorMessage = Section + ":CallbackToken is required")]
    public string CallbackToken { get; set; } = string.Empty;

    /// <summary>Xendit's API; test and live share it (the key tells them apart).</summary>
    [Required(ErrorMessage = Section + ":ApiBase is required")]
    public Uri ApiBase { get; set; } = new("https://api.xendit.co");

    /// <summary>How long to wait for an answer before the outcome is UNKNOWN.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a virtual account opened for a payment takes the transfer.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan VirtualAccountLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Any key given registers the gateway, so an incomplete section is refused rather than silently ignored.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) || !string.IsNullOrWhiteSpace(CallbackToken);

    /// <summary>Told by the secret key's prefix, as Xendit names its development and production keys.</summary>
    public GatewayEnvironment? Environment => SecretKey switch
    {
        _ when SecretKey.StartsWith(TestPrefix, StringComparison.Ordinal) => new(false, nameof(SecretKey), TestPrefix + "…"),
        _ when SecretKey.StartsWith(LivePrefix, StringComparison.Ordinal) => new(true, nameof(SecretKey), LivePrefix + "…"),
        _ => null,
    };

    /// <summary>An API path under <see cref="ApiBase"/>, which may itself carry a path prefix.</summary>
    public Uri Endpoint(string pathAndQuery) => Http.ApiBase.Resolve(ApiBase, pathAndQuery);
}
