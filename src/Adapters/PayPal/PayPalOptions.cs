using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Adapters.PayPal;

/// <summary>Configuration section <c>Gateways:PayPal</c>. Without a client id and secret PayPal is not offered.</summary>
public sealed class PayPalOptions : IDeclaresGatewayEnvironment
{
    public const string Section = "Gateways:PayPal";

    [Required]
    public string ClientId { get; set; } = string.Empty;

    [Required]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The id PayPal gave the webhook subscription; verification is bound to it.</summary>
    [Required]
    public string WebhookId { get; set; } = string.Empty;

    /// <summary>Live by default; <c>https://api-m.sandbox.paypal.com</c> for PayPal's sandbox.</summary>
    public Uri ApiBase { get; set; } = new("https://api-m.paypal.com");

    /// <summary>How long to wait for an answer before the outcome is UNKNOWN.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far a delivery's transmission time may be from now before it is treated as a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An API path under <see cref="ApiBase"/>, which may itself carry a path prefix.</summary>
    public Uri Endpoint(string path) => Http.ApiBase.Resolve(ApiBase, path);

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Told by the API base: PayPal's sandbox and live environments have hosts of their own.</summary>
    public GatewayEnvironment? Environment => GatewayEnvironment.OfApiBase(
        ApiBase, nameof(ApiBase), ["api-m.sandbox.paypal.com", "api.sandbox.paypal.com"], ["api-m.paypal.com", "api.paypal.com"]);
}
