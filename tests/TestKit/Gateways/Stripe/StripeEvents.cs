using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>
/// Stripe webhook deliveries as Stripe sends them: an event envelope (fixtures3.json's <c>event</c>)
/// around one object, signed with Stripe's scheme (HMAC-SHA256 of "t.body" under the endpoint
/// secret, computed here independently of Stripe.net) in a <c>Stripe-Signature</c> header.
/// </summary>
public static class StripeEvents
{
    public static byte[] Event(string id, string type, JsonObject dataObject, DateTimeOffset created)
    {
        var stripeEvent = StripeStub.Fixture("event");
        stripeEvent["id"] = id;
        stripeEvent["type"] = type;
        stripeEvent["created"] = created.ToUnixTimeSeconds();
        stripeEvent["data"] = new JsonObject { ["object"] = dataObject.DeepClone() };
        return Encoding.UTF8.GetBytes(stripeEvent.ToJsonString());
    }

    /// <summary>The <c>Stripe-Signature</c> header value of <paramref name="body"/> signed at <paramref name="signedAt"/>.</summary>
    public static string Signature(byte[] body, string secret, DateTimeOffset signedAt) =>
        $"t={signedAt.ToUnixTimeSeconds()},v1={Hmac(secret, signedAt.ToUnixTimeSeconds(), body)}";

    public static string Hmac(string secret, long timestamp, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.").Concat(body).ToArray()));
}
