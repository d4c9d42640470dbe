using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Adapters.CarrierBilling;

/// <summary>
/// Configuration section <c>Gateways:CarrierBilling</c>: one mobile operator's CAMARA Carrier Billing
/// API. A section with none of the keys set means carrier billing is not offered; a section with
/// some set must be complete, and each missing or malformed field fails startup, named in full.
/// </summary>
public sealed class CarrierBillingOptions : IValidatableObject, IDeclaresGatewayEnvironment
{
    public const string Section = "Gateways:CarrierBilling";

    /// <summary>The operator's <c>{apiRoot}</c>; the adapter appends <c>/carrier-billing/v0.5</c> and <c>/carrier-billing-refund/v0.3</c>.</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>The operator's OAuth 2.0 token endpoint (client credentials: a 2-legged token, the phone number travels in the request).</summary>
    public Uri? TokenUrl { get; set; }

    public string ClientId { get; set; } = string.Empty;

    /// <summary>From the environment, never from code.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Our public HTTPS address for the operator's notifications (<c>…/webhooks/carrier_billing</c>), sent as <c>sink</c>.</summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>The bearer token we give the operator as <c>sinkCredential</c>; a notification is believed only with it.</summary>
    public string NotificationToken { get; set; } = string.Empty;

    /// <summary>The ISO 4217 codes the operator bills in.</summary>
    public IList<string> Currencies { get; set; } = [];

    /// <summary>Two-step (prepare, the user's code, confirm) unless the operator takes one-step payments only.</summary>
    public CarrierBillingFlow Flow { get; set; } = CarrierBillingFlow.TwoStep;

    /// <summary>The <c>scope</c> asked of the token endpoint, when the operator wants one.</summary>
    public string? Scope { get; set; }

    /// <summary>Shown on the user's bill as the seller (<c>chargingMetaData.merchantName</c>), if set.</summary>
    public string? MerchantName { get; set; }

    /// <summary>Our identifier at the operator or aggregator (<c>chargingMetaData.merchantIdentifier</c>), if it gave one.</summary>
    public string? MerchantIdentifier { get; set; }

    /// <summary>How many codes the operator lets a user type for one payment (CAMARA does not say it on the wire).</summary>
    [Range(1, 10)]
    public int CodeAttempts { get; set; } = 3;

    /// <summary>How long the operator's code stays valid (CAMARA does not say it on the wire).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the operator may use the notification token: past any refund of a payment.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00")]
    public TimeSpan NotificationTokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long to wait for an answer before the outcome is UNKNOWN.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether <see cref="ApiBase"/> is the operator's live environment (true) or its sandbox (false).
    /// CAMARA operators share no sandbox host name or key prefix the adapter could read, so the
    /// configuration says it; unset proves nothing (a loopback stand-in, an aggregator's proxy).
    /// </summary>
    public bool? Livemode { get; set; }

    /// <summary>What <see cref="Livemode"/> declares, checked against the deployment's mode at startup.</summary>
    public GatewayEnvironment? Environment => Livemode is { } live
        ? new GatewayEnvironment(live, nameof(Livemode), live ? "true" : "false")
        : null;

    /// <summary>Whether any of the section's keys is set: carrier billing is meant to be offered.</summary>
    public bool IsConfigured =>
        ApiBase is not null || TokenUrl is not null || NotificationUrl is not null || Currencies.Count > 0
        || !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(NotificationToken);

    /// <summary>The Carrier Billing API under <see cref="ApiBase"/>.</summary>
    public Uri PaymentsApi() => Under("carrier-billing/v0.5/");

    /// <summary>The Carrier Billing Refund API under <see cref="ApiBase"/>.</summary>
    public Uri RefundsApi() => Under("carrier-billing-refund/v0.3/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Problems().Select(p => new ValidationResult($"{Section}:{p.Field}: {p.Problem}", [p.Field]));

    /// <summary>What is wrong with the section, field by field; empty when it can be used.</summary>
    public IEnumerable<(string Field, string Problem)> Problems()
    {
        if (!Absolute(ApiBase, httpsOnly: false))
        {
            yield return (nameof(ApiBase), "the operator's API root (an absolute http(s) URL) is required");
        }

        if (!Absolute(TokenUrl, httpsOnly: false))
        {
            yield return (nameof(TokenUrl), "the operator's OAuth 2.0 token endpoint (an absolute http(s) URL) is required");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return (nameof(ClientId), "is required");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return (nameof(ClientSecret), "is required");
        }

        if (!Absolute(NotificationUrl, httpsOnly: true))
        {
            yield return (nameof(NotificationUrl), "our public https:// address for notifications is required (CAMARA sinks are HTTPS)");
        }

        if (NotificationToken.Trim().Length < 32)
        {
            yield return (nameof(NotificationToken), "a random token of at least 32 characters is required");
        }

        if (Currencies.Count == 0)
        {
            yield return (nameof(Currencies), "at least one ISO 4217 code the operator bills in is required");
        }

        foreach (var currency in Currencies.Where(c => !CarrierBillingAmounts.Knows(c)))
        {
            yield return (nameof(Currencies), $"'{currency}' is not a currency CAMARA amounts can carry exactly");
        }
    }

    private static bool Absolute(Uri? uri, bool httpsOnly) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp));

    private Uri Under(string path) =>
        new(ApiBase!.AbsoluteUri.EndsWith('/') ? ApiBase : new Uri(ApiBase.AbsoluteUri + "/"), path);
}

/// <summary>How the operator takes a payment.</summary>
public enum CarrierBillingFlow
{
    /// <summary><c>POST /payments/prepare</c>, the user's code (<c>/validate</c>), <c>/confirm</c>.</summary>
    TwoStep,

    /// <summary><c>POST /payments</c>: charged at once.</summary>
    OneStep,
}
