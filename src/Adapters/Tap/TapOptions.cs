using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Adapters.Tap;

/// <summary>
/// Configuration section <c>Gateways:Tap</c>. Without it Tap is not offered; an API base without a
/// secret key is refused at startup, naming the key.
/// </summary>
public sealed class TapOptions : IDeclaresGatewayEnvironment
{
    public const string Section = "Gateways:Tap";

    private const string TestPrefix = "sk_test_";
    private const string LivePrefix = "sk_live_";
    private static readonly Uri DefaultApiBase = new("https://api.tap.company");

    /// <summary>Secret key (<c>sk_test_…</c> or <c>sk_live_…</c>): authenticates the calls and keys the webhooks' <c>hashstring</c>.</summary>
    [Required(ErrorMessage = Section + ":SecretKey is required")]
    [RegularExpression("^sk_(test|live)_.+$", ErrorMessage = Section + ":SecretKey must start with sk_test_ or sk_live_")]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Tap's API; <c>https://api.tap.company</c> when not set (test and live share it, the key tells them apart).</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>How long to wait for an answer before the outcome is UNKNOWN.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Any key given registers the gateway, so an incomplete section is refused rather than silently ignored.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) || ApiBase is not null;

    /// <summary>Told by the secret key's prefix, as Tap names its sandbox and production keys.</summary>
    public GatewayEnvironment? Environment => SecretKey switch
    {
        _ when SecretKey.StartsWith(TestPrefix, StringComparison.Ordinal) => new(false, nameof(SecretKey), TestPrefix + "…"),
        _ when SecretKey.StartsWith(LivePrefix, StringComparison.Ordinal) => new(true, nameof(SecretKey), LivePrefix + "…"),
        _ => null,
    };

    /// <summary>An API path under <see cref="ApiBase"/>.</summary>
    public Uri Endpoint(string path) => Http.ApiBase.Resolve(ApiBase ?? DefaultApiBase, path);
}
