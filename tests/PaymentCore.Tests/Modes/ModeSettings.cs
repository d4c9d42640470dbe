using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>Configurations of a test-mode and a live-mode PaymentCore, each with a gateway that really pays in its mode.</summary>
public static class ModeSettings
{
    /// <summary>A live key in Stripe's format; the loopback stub accepts any key, PaymentCore's mode check reads its prefix.</summary>
    public const string LiveStripeKey = "sk_live_modetests";

    /// <summary>Live mode with Stripe (on <paramref name="stripe"/>) and vouchers: what a production deployment offers.</summary>
    public static Dictionary<string, string?> Live(StripeStub stripe) => new()
    {
        ["Mode"] = "live",
        ["Gateways:Stripe:ApiKey"] = LiveStripeKey,
        ["Gateways:Stripe:ApiBase"] = stripe.Server.BaseAddress.ToString(),
        ["Gateways:Stripe:WebhookSecret"] = "whsec_modetests",
        ["Gateways:Stripe:ReturnUrl"] = StripeStub.ReturnUrl.ToString(),
        ["Gateways:Voucher:Enabled"] = "true",
    };

    /// <summary>Test mode, said explicitly, with the Sandbox (on by default) and vouchers.</summary>
    public static Dictionary<string, string?> Test() => new()
    {
        ["Mode"] = "test",
        ["Gateways:Voucher:Enabled"] = "true",
    };

    /// <summary>Both settings on one Redis under one key prefix, as a mistaken deployment would have them.</summary>
    public static Dictionary<string, string?> On(this Dictionary<string, string?> settings, Dictionary<string, string?> redis)
    {
        foreach (var (key, value) in redis)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A card recharge Stripe's stub pays (Stripe's test PaymentMethod for a Visa that succeeds).</summary>
    public static CreateRechargeRequest PayByCard(string? user = null, string? key = null)
    {
        var request = Requests.Create(user: user, key: key);
        request.PaymentMethod = new PaymentMethod { Card = new CardMethod { GatewayToken = "pm_card_visa" } };
        return request;
    }
}
