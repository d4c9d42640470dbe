using System.Text;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Stripe;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>Stripe webhook verification against the signature vectors of shared/data/stripe/webhook, and event mapping.</summary>
public sealed class StripeWebhookTests
{
    private const string Secret = "whsec_adapter_tests";
    private static readonly JsonNode Vectors = SharedData.Json("stripe/webhook/stripe_webhook_vectors.json");
    private static readonly byte[] VectorPayload = SharedData.Bytes("stripe/webhook/event_test_signature.json");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    [Fact]
    public void UpstreamVector_WithinTolerance_IsVerified()
    {
        var vector = Vectors["vectors"]![0]!;
        var webhooks = new StripeWebhooks(vector["secret"]!.GetValue<string>(), TimeSpan.FromSeconds(300));

        var outcome = webhooks.Parse(Delivery(VectorPayload, vector["header"]!.GetValue<string>(), At(vector, plusSeconds: 100)));

        // Authentic, but a customer event is nothing the payment core acts on.
        Assert.Equal(new WebhookOutcome.Ignored("evt_123", "customer.created"), outcome);
    }

    [Fact]
    public void UpstreamVector_OlderThanTolerance_IsNotVerified()
    {
        var vector = Vectors["vectors"]![0]!;
        var webhooks = new StripeWebhooks(vector["secret"]!.GetValue<string>(), TimeSpan.FromSeconds(300));

        var outcome = webhooks.Parse(Delivery(VectorPayload, vector["header"]!.GetValue<string>(), At(vector, plusSeconds: 400)));

        Assert.Contains("tolerance", Assert.IsType<WebhookOutcome.NotVerified>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UpstreamVector_PayloadChanged_IsNotVerified()
    {
        var vector = Vectors["vectors"]![0]!;
        var webhooks = new StripeWebhooks(vector["secret"]!.GetValue<string>(), TimeSpan.FromSeconds(300));
        var changed = VectorPayload.Concat("this_changes_the_json"u8.ToArray()).ToArray();

        Assert.IsType<WebhookOutcome.NotVerified>(webhooks.Parse(Delivery(changed, vector["header"]!.GetValue<string>(), At(vector, 100))));
    }

    [Fact]
    public void UpstreamVector_TrailingNewlineStripped_HasTheDerivedSignatureOnly()
    {
        var vector = Vectors["vectors"]![1]!;
        var stripped = VectorPayload[..^1];
        var derived = $"t={vector["timestamp"]},v1={vector["expected_v1"]}";
        var webhooks = new StripeWebhooks(vector["secret"]!.GetValue<string>(), TimeSpan.FromSeconds(300));

        Assert.Equal(vector["expected_v1"]!.GetValue<string>(), Hmac(vector["secret"]!.GetValue<string>(), vector["timestamp"]!.GetValue<long>(), stripped));
        Assert.IsType<WebhookOutcome.Ignored>(webhooks.Parse(Delivery(stripped, derived, At(vector, 0))));
        Assert.IsType<WebhookOutcome.NotVerified>(webhooks.Parse(Delivery(VectorPayload, derived, At(vector, 0))));
    }

    [Fact]
    public void DerivedVector_EmptyObject_SignatureMatchesTheVector()
    {
        var vector = Vectors["vectors"]![2]!;

        Assert.Equal(
            vector["expected_v1"]!.GetValue<string>(),
            Hmac(vector["secret"]!.GetValue<string>(), vector["timestamp"]!.GetValue<long>(), Encoding.UTF8.GetBytes(vector["payload"]!.GetValue<string>())));
    }

    public static TheoryData<string> MalformedHeaders() =>
        new(Vectors["vectors"]![0]!["upstream_assertions"]!["malformed headers (all rejected)"]!.AsArray()
            .Select(h => h!.GetValue<string>().Replace("...", string.Empty, StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    [InlineData("t=1533204620,v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef")]
    public void MalformedOrV0OnlyHeader_IsNotVerified(string header)
    {
        var vector = Vectors["vectors"]![0]!;
        var webhooks = new StripeWebhooks(vector["secret"]!.GetValue<string>(), TimeSpan.FromSeconds(300));

        Assert.IsType<WebhookOutcome.NotVerified>(webhooks.Parse(Delivery(VectorPayload, header, At(vector, 100))));
    }

    [Fact]
    public void ValidSignaturePlusBogusOne_IsVerified()
    {
        var vector = Vectors["vectors"]![0]!;
        var header = $"t=1533204620,v1={new string('d', 64)},v1={vector["expected_v1"]}";
        var webhooks = new StripeWebhooks(vector["secret"]!.GetValue<string>(), TimeSpan.FromSeconds(300));

        Assert.IsType<WebhookOutcome.Ignored>(webhooks.Parse(Delivery(VectorPayload, header, At(vector, 100))));
    }

    [Fact]
    public void NoSignatureHeader_IsNotVerifiedButNamesThePaymentToLookUp()
    {
        var body = Event("payment_intent.succeeded", PaymentIntent("succeeded", "usd", 499));

        var outcome = Webhooks().Parse(new WebhookDelivery(body, new Dictionary<string, string>(), Now));

        Assert.Equal(new WebhookOutcome.NotVerified("no Stripe-Signature header", "pi_hook"), outcome);
    }

    [Fact]
    public void ForgedSignature_IsNotVerifiedButNamesThePaymentToLookUp()
    {
        var body = Event("payment_intent.succeeded", PaymentIntent("succeeded", "usd", 499));

        var outcome = Webhooks().Parse(Delivery(body, $"t={Now.ToUnixTimeSeconds()},v1={new string('a', 64)}", Now));

        Assert.Equal("pi_hook", Assert.IsType<WebhookOutcome.NotVerified>(outcome).LookupHint);
    }

    [Fact]
    public void PaymentSucceeded_IsVerifiedWithTheAmountReceived()
    {
        var outcome = Signed(Event("payment_intent.succeeded", PaymentIntent("succeeded", "isk", 50000)));

        Assert.Equal(new GatewayEvent.PaymentSucceeded("evt_hook", "pi_hook", Now.AddSeconds(-10), new Money("ISK", 500)), Verified(outcome));
    }

    [Fact]
    public void PaymentFailed_CarriesOurCodeAndStripes()
    {
        var intent = PaymentIntent("requires_payment_method", "usd", 499);
        intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "insufficient_funds" };

        var failed = Assert.IsType<GatewayEvent.PaymentFailed>(Verified(Signed(Event("payment_intent.payment_failed", intent))));

        Assert.Equal(("insufficient_funds", "insufficient_funds"), (failed.Code, failed.GatewayCode));
    }

    [Fact]
    public void WalletPaymentFailed_IsAWalletFailureNotACardDecline()
    {
        var intent = PaymentIntent("requires_payment_method", "jpy", 800);
        intent["payment_method_types"] = new JsonArray("alipay");
        intent["last_payment_error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "payment_method_provider_decline" };

        var failed = Assert.IsType<GatewayEvent.PaymentFailed>(Verified(Signed(Event("payment_intent.payment_failed", intent))));

        Assert.Equal(("payment_declined", "payment_method_provider_decline"), (failed.Code, failed.GatewayCode));
    }

    [Fact]
    public void ChargeRefunded_CarriesTheTotalRefundedSoFar()
    {
        var charge = StripeStub.Fixture("charge");
        charge["payment_intent"] = "pi_hook";
        charge["currency"] = "jpy";
        charge["amount"] = 800;
        charge["amount_refunded"] = 300;

        var refunded = Assert.IsType<GatewayEvent.Refunded>(Verified(Signed(Event("charge.refunded", charge))));

        Assert.Equal(("pi_hook", new Money("JPY", 300)), (refunded.GatewayReference, refunded.TotalRefunded));
    }

    [Theory]
    [InlineData("charge.dispute.created", "needs_response", typeof(GatewayEvent.DisputeOpened))]
    [InlineData("charge.dispute.closed", "won", typeof(GatewayEvent.DisputeWon))]
    [InlineData("charge.dispute.closed", "warning_closed", typeof(GatewayEvent.DisputeWon))]
    [InlineData("charge.dispute.closed", "lost", typeof(GatewayEvent.DisputeLost))]
    public void Dispute_MapsToTheDisputeEvent(string type, string status, Type expected)
    {
        var dispute = StripeStub.Fixture("dispute");
        dispute["payment_intent"] = "pi_hook";
        dispute["status"] = status;

        var domainEvent = Verified(Signed(Event(type, dispute)));

        Assert.IsType(expected, domainEvent);
        Assert.Equal("pi_hook", domainEvent.GatewayReference);
    }

    [Fact]
    public async Task Gateway_VerifiesWithItsConfiguredSecretAndTolerance()
    {
        var gateway = new StripeGateway(new HttpClient(), new StripeOptions { ApiKey = "sk_test", WebhookSecret = Secret, ReturnUrl = new Uri("https://x.test/") });
        var body = Event("payment_intent.succeeded", PaymentIntent("succeeded", "usd", 499));
        var header = Header(body, Now.AddSeconds(-10));

        Assert.IsType<WebhookOutcome.Verified>(await gateway.ParseWebhookAsync(Delivery(body, header, Now), default));
        Assert.IsType<WebhookOutcome.NotVerified>(await gateway.ParseWebhookAsync(Delivery(body, header, Now.AddMinutes(6)), default));
    }

    private static StripeWebhooks Webhooks() => new(Secret, TimeSpan.FromMinutes(5));

    private static WebhookOutcome Signed(byte[] body) => Webhooks().Parse(Delivery(body, Header(body, Now.AddSeconds(-10)), Now));

    private static GatewayEvent Verified(WebhookOutcome outcome) => Assert.IsType<WebhookOutcome.Verified>(outcome).Event;

    private static JsonObject PaymentIntent(string status, string currency, long amount)
    {
        var intent = StripeStub.Fixture("payment_intent");
        intent["id"] = "pi_hook";
        intent["status"] = status;
        intent["currency"] = currency;
        intent["amount"] = amount;
        intent["amount_received"] = status == "succeeded" ? amount : 0;
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        return intent;
    }

    /// <summary>A Stripe event envelope (fixtures3.json's <c>event</c>) around one object.</summary>
    private static byte[] Event(string type, JsonObject dataObject) => StripeEvents.Event("evt_hook", type, dataObject, Now.AddSeconds(-10));

    private static string Header(byte[] body, DateTimeOffset signedAt) => StripeEvents.Signature(body, Secret, signedAt);

    /// <summary>Stripe's scheme, computed independently of Stripe.net: HMAC-SHA256 of "t.body".</summary>
    private static string Hmac(string secret, long timestamp, byte[] body) => StripeEvents.Hmac(secret, timestamp, body);

    private static WebhookDelivery Delivery(byte[] body, string signature, DateTimeOffset receivedAt) =>
        new(body, new Dictionary<string, string> { ["stripe-signature"] = signature }, receivedAt);

    private static DateTimeOffset At(JsonNode vector, long plusSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(vector["timestamp"]!.GetValue<long>() + plusSeconds);
}
