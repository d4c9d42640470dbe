using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Adapters.Stripe;

/// <summary>Configuration section <c>Gateways:Stripe</c>. Without an API key Stripe is not offered.</summary>
public sealed class StripeOptions : IDeclaresGatewayEnvironment
{
    public const string Section = "Gateways:Stripe";

    /// <summary>Secret key (<c>sk_live_…</c> or <c>sk_test_…</c>); from the environment, never from code.</summary>
    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Signing secret of the webhook endpoint (<c>whsec_…</c>).</summary>
    [Required]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>Where Stripe sends the payer after 3-D Secure; without it Stripe offers no redirect URL.</summary>
    [Required]
    public Uri? ReturnUrl { get; set; }

    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>How long to wait for an answer before the outcome is UNKNOWN.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How old a signed webhook may be before it is treated as a replay (Stripe's default is 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>
    /// Told by the secret or restricted key's prefix, as Stripe defines its keys: the API base does
    /// not tell (test and live share api.stripe.com).
    /// </summary>
    public GatewayEnvironment? Environment => ApiKey switch
    {
        _ when ApiKey.StartsWith("sk_test_", StringComparison.Ordinal) => new(false, nameof(ApiKey), "sk_test_…"),
        _ when ApiKey.StartsWith("rk_test_", StringComparison.Ordinal) => new(false, nameof(ApiKey), "rk_test_…"),
        _ when ApiKey.StartsWith("sk_live_", StringComparison.Ordinal) => new(true, nameof(ApiKey), "sk_live_…"),
        _ when ApiKey.StartsWith("rk_live_", StringComparison.Ordinal) => new(true, nameof(ApiKey), "rk_live_…"),
        _ => null,
    };
}
