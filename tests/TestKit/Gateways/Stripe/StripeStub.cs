using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Stripe;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>
/// Stripe's API as far as the adapter uses it, on a loopback server: form-encoded requests in,
/// JSON out, each object built from Stripe's own published fixture (fixtures3.json). The test
/// PaymentMethod ids of Stripe's testing docs pick the outcome; a few <c>pm_stub_*</c> ids add
/// failures Stripe cannot be asked for (5xx, slowness). Wallet payments (Alipay, WeChat Pay) wait
/// for the payer with Stripe's next actions until the test approves or fails them, as Stripe's
/// test-mode pages do. Idempotency keys replay the first answer.
/// </summary>
public sealed class StripeStub : IAsyncDisposable
{
    public const string ApiKey = "sk_test_adapter";
    public const string ThreeDSecureUrl = "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent=";
    public const string AlipayUrl = "https://hooks.stripe.com/redirect/authenticate/src_stub?client_secret=src_client_secret_stub&payment_intent=";
    public const string WeChatPayInstructionsUrl = "https://payments.stripe.com/qr/instructions/stub?payment_intent=";
    public const string WeChatPayQrData = "weixin://wxpay/bizpayurl?pr=stub_";
    public const string WeChatPayQrImage = "https://qr.stripe.com/stub_";
    public const string PixInstructionsUrl = "https://payments.stripe.com/pix/instructions/stub?payment_intent=";
    public const string PixCode = "00020101021226880014br.gov.bcb.pix2566qr.stripe.com/pix/stub_";
    public const string PixQrImage = "https://qr.stripe.com/pix_stub_";
    public const string KlarnaUrl = "https://hooks.stripe.com/klarna/authorize/stub?payment_intent=";
    public const string KonbiniVoucherUrl = "https://payments.stripe.com/konbini/voucher/stub?payment_intent=";

    /// <summary>Where the 3-D Secure payer comes back to, as <see cref="Gateway"/> configures it.</summary>
    public static readonly Uri ReturnUrl = new("https://pay.example.com/3ds-done");

    private static readonly JsonObject Fixtures = SharedData.Json("stripe/fixtures3.json")["resources"]!.AsObject();

    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, long> _refunded = new();
    private readonly ConcurrentDictionary<string, Reply> _replies = new();
    private int _sequence;

    private StripeStub(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; private set; }

    /// <summary>How long a Pix code lives from its creation (Stripe's default: a day).</summary>
    public TimeSpan PixExpiresAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a Konbini voucher can be paid (Stripe's default: three days, to the end of the day).</summary>
    public TimeSpan KonbiniExpiresAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long <c>pm_stub_slow</c> takes to answer.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    public static async Task<StripeStub> StartAsync()
    {
        StripeStub? stub = null;
        var server = await LoopbackServer.StartAsync(request => Task.FromResult(stub!.Handle(request)));
        stub = new StripeStub(server);
        return stub;
    }

    /// <summary>
    /// The payer finished 3-D Secure or approved in the wallet app: Stripe completes the payment by
    /// itself (automatic confirmation).
    /// </summary>
    public void CompleteAuthentication(string intentId, string status = "succeeded")
    {
        var intent = _intents[intentId];
        intent["status"] = status;
        intent["next_action"] = null;
        if (status == "succeeded")
        {
            intent["amount_received"] = intent["amount"]!.GetValue<long>();
        }
    }

    /// <summary>The payer refused or let lapse the wallet's approval (or a Pix code expired): Stripe wants a new payment method, as after a failed test payment.</summary>
    public void FailWalletPayment(string intentId, string code)
    {
        var intent = _intents[intentId];
        intent["status"] = "requires_payment_method";
        intent["next_action"] = null;
        intent["payment_method"] = null;
        intent["last_payment_error"] = new JsonObject
        {
            ["type"] = "invalid_request_error",
            ["code"] = code,
            ["message"] = "The payment was not completed.",
        };
    }

    public JsonObject Intent(string id) => _intents[id];

    /// <summary>The adapter under test, configured against this stub.</summary>
    public StripeGateway Gateway(Uri? apiBase = null, TimeSpan? timeout = null) => new(
        new HttpClient(),
        new StripeOptions
        {
            ApiKey = ApiKey,
            WebhookSecret = "whsec_test",
            ReturnUrl = ReturnUrl,
            ApiBase = apiBase ?? Server.BaseAddress,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        });

    public static JsonObject Fixture(string resource) => Fixtures[resource]!.DeepClone().AsObject();

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Reply Handle(RecordedRequest request)
    {
        if (request.Header("Idempotency-Key") is { } key && _replies.TryGetValue($"{request.Path}|{key}", out var replay))
        {
            return replay;
        }

        var reply = Route(request);
        if (request.Method == "POST" && request.Header("Idempotency-Key") is { } newKey)
        {
            _replies.TryAdd($"{request.Path}|{newKey}", reply);
        }

        return reply;
    }

    private Reply Route(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["v1", "payment_intents"]) => CreateIntent(request.Form),
            ("GET", ["v1", "payment_intents", var id]) => _intents.TryGetValue(id, out var intent) ? Ok(intent) : Missing(id),
            ("POST", ["v1", "payment_intents", var id, "confirm"]) => ConfirmIntent(id),
            ("POST", ["v1", "refunds"]) => CreateRefund(request.Form),
            _ => new Reply(404, """{"error":{"type":"invalid_request_error","message":"Unrecognized request URL."}}"""),
        };
    }

    private Reply CreateIntent(IReadOnlyDictionary<string, string> form)
    {
        var id = $"pi_stub{Interlocked.Increment(ref _sequence):D4}";
        var intent = Fixture("payment_intent");
        intent["id"] = id;
        intent["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture);
        intent["currency"] = form["currency"];
        intent["payment_method_types"] = new JsonArray(form.GetValueOrDefault("allowed_payment_method_types[0]") ?? "card");
        intent["description"] = form.GetValueOrDefault("description");
        intent["metadata"] = new JsonObject { ["recharge_id"] = form.GetValueOrDefault("metadata[recharge_id]") };
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        intent["canceled_at"] = null;
        if (form.TryGetValue("payment_method_data[type]", out var walletType))
        {
            return CreateWalletIntent(intent, walletType, form);
        }

        intent["payment_method"] = form["payment_method"];
        if (form.GetValueOrDefault("allowed_payment_method_types[0]") == "sepa_debit")
        {
            return CreateSepaDebitIntent(intent, form);
        }

        _intents[id] = intent;

        switch (form["payment_method"])
        {
            case "pm_card_visa":
                return Succeed(intent);
            case "pm_card_authenticationRequired":
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = ThreeDSecureUrl + id, ["return_url"] = form["return_url"] },
                };
                return Ok(intent);
            case "pm_card_visa_chargeDeclined":
                return CardError(intent, "card_declined", "generic_decline");
            case "pm_card_visa_chargeDeclinedInsufficientFunds":
                return CardError(intent, "card_declined", "insufficient_funds");
            case "pm_card_visa_chargeDeclinedLostCard":
                return CardError(intent, "card_declined", "lost_card");
            case "pm_card_chargeDeclinedExpiredCard":
                return CardError(intent, "expired_card", declineCode: null);
            case "pm_stub_server_error":
                return new Reply(500, """{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""");
            case "pm_stub_slow":
                return Succeed(intent) with { Delay = SlowDelay };
            default:
                _intents.TryRemove(id, out _);
                return Error(400, "invalid_request_error", "resource_missing", $"No such PaymentMethod: '{form["payment_method"]}'", param: "payment_method");
        }
    }

    /// <summary>
    /// A new wallet payment method, confirmed: Stripe answers <c>requires_action</c> with the wallet's
    /// next action, and refuses what it refuses (a redirect wallet without a return URL, WeChat Pay
    /// without its client, a type outside the allowed ones).
    /// </summary>
    private Reply CreateWalletIntent(JsonObject intent, string walletType, IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("allowed_payment_method_types[0]") != walletType || form.GetValueOrDefault("confirm") != "true")
        {
            return Error(400, "invalid_request_error", "payment_intent_invalid_parameter", $"The payment method type {walletType} is not allowed on this PaymentIntent.", "payment_method_data[type]");
        }

        var id = intent["id"]!.GetValue<string>();
        JsonObject nextAction;
        switch (walletType)
        {
            case "alipay" when form.GetValueOrDefault("return_url") is { } returnUrl:
                nextAction = new JsonObject
                {
                    ["type"] = "alipay_handle_redirect",
                    ["alipay_handle_redirect"] = new JsonObject
                    {
                        ["native_data"] = null,
                        ["native_url"] = null,
                        ["return_url"] = returnUrl,
                        ["url"] = AlipayUrl + id,
                    },
                };
                break;
            case "alipay":
                return Error(400, "invalid_request_error", "parameter_missing", "A return_url must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed.", "return_url");
            case "wechat_pay" when form.GetValueOrDefault("payment_method_options[wechat_pay][client]") is "web" or "ios" or "android":
                nextAction = new JsonObject
                {
                    ["type"] = "wechat_pay_display_qr_code",
                    ["wechat_pay_display_qr_code"] = new JsonObject
                    {
                        ["data"] = WeChatPayQrData + id,
                        ["hosted_instructions_url"] = WeChatPayInstructionsUrl + id,
                        ["image_data_url"] = "data:image/png;base64,iVBORw0KGgo=",
                        ["image_url_png"] = WeChatPayQrImage + id + ".png",
                        ["image_url_svg"] = WeChatPayQrImage + id + ".svg",
                    },
                };
                break;
            case "wechat_pay":
                return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: payment_method_options[wechat_pay][client].", "payment_method_options[wechat_pay][client]");
            case "klarna" when form["currency"] != "eur" || form.GetValueOrDefault("payment_method_data[billing_details][address][country]") is not ("DE" or "AT" or "NL" or "FR" or "ES" or "IT" or "BE" or "FI" or "IE" or "PT" or "GR"):
                return Error(400, "invalid_request_error", "payment_intent_invalid_parameter", "Klarna does not support " + form["currency"] + " for the billing country given.", "currency");
            case "klarna" when string.IsNullOrEmpty(form.GetValueOrDefault("payment_method_data[billing_details][email]")) || form.GetValueOrDefault("return_url") is null:
                return Error(400, "invalid_request_error", "parameter_missing", "Klarna payments require billing_details[email] and a return_url.", "payment_method_data[billing_details][email]");
            case "klarna":
                nextAction = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = KlarnaUrl + id, ["return_url"] = form["return_url"] },
                };
                break;
            case "konbini" when form["currency"] != "jpy":
                return Error(400, "invalid_request_error", "payment_intent_invalid_parameter", "The currency provided (" + form["currency"] + ") is invalid. Payments with konbini support the following currencies: jpy.", "currency");
            case "konbini" when string.IsNullOrEmpty(form.GetValueOrDefault("payment_method_data[billing_details][name]"))
                || string.IsNullOrEmpty(form.GetValueOrDefault("payment_method_data[billing_details][email]")):
                return Error(400, "invalid_request_error", "parameter_missing", "Konbini payments require billing_details[name] and billing_details[email].", "payment_method_data[billing_details]");
            case "konbini":
                nextAction = new JsonObject
                {
                    ["type"] = "konbini_display_details",
                    ["konbini_display_details"] = new JsonObject
                    {
                        ["expires_at"] = (DateTimeOffset.UtcNow + KonbiniExpiresAfter).ToUnixTimeSeconds(),
                        ["hosted_voucher_url"] = KonbiniVoucherUrl + id,
                        ["stores"] = new JsonObject
                        {
                            ["familymart"] = Store(id, "1"),
                            ["lawson"] = Store(id, "2", paymentCode: "123456"),
                            ["ministop"] = Store(id, "3"),
                            ["seicomart"] = Store(id, "4"),
                        },
                    },
                };
                break;
            case "pix" when form["currency"] != "brl":
                return Error(400, "invalid_request_error", "payment_intent_invalid_parameter", "The currency provided (" + form["currency"] + ") is invalid. Payments with pix support the following currencies: brl.", "currency");
            case "pix":
                nextAction = new JsonObject
                {
                    ["type"] = "pix_display_qr_code",
                    ["pix_display_qr_code"] = new JsonObject
                    {
                        ["data"] = PixCode + id,
                        ["expires_at"] = (DateTimeOffset.UtcNow + PixExpiresAfter).ToUnixTimeSeconds(),
                        ["hosted_instructions_url"] = PixInstructionsUrl + id,
                        ["image_url_png"] = PixQrImage + id + ".png",
                        ["image_url_svg"] = PixQrImage + id + ".svg",
                    },
                };
                break;
            default:
                return Error(400, "invalid_request_error", "parameter_invalid_string", $"Invalid payment_method_data[type]: {walletType}", "payment_method_data[type]");
        }

        intent["payment_method"] = $"pm_stub{Interlocked.Increment(ref _sequence):D4}";
        intent["status"] = "requires_action";
        intent["next_action"] = nextAction;
        _intents[id] = intent;
        return Ok(intent);
    }

    /// <summary>A store's numbers on a Konbini voucher: an 11-digit confirmation number made from the intent's sequence.</summary>
    private static JsonObject Store(string intentId, string store, string? paymentCode = null) => new()
    {
        ["confirmation_number"] = $"{store}{intentId[^4..]}".PadLeft(11, '0'),
        ["payment_code"] = paymentCode,
    };

    /// <summary>
    /// A SEPA Direct Debit with a bank account payment method (<c>pm_…</c>, made by Stripe.js from the
    /// IBAN): Stripe wants the online mandate's acceptance and EUR, and answers <c>processing</c> while
    /// the bank collects; the test settles or fails the debit later, as Stripe's test IBANs do.
    /// </summary>
    private Reply CreateSepaDebitIntent(JsonObject intent, IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("mandate_data[customer_acceptance][type]") != "online"
            || string.IsNullOrEmpty(form.GetValueOrDefault("mandate_data[customer_acceptance][online][ip_address]"))
            || string.IsNullOrEmpty(form.GetValueOrDefault("mandate_data[customer_acceptance][online][user_agent]")))
        {
            return Error(400, "invalid_request_error", "parameter_missing", "A mandate is required to confirm a sepa_debit payment: pass mandate_data[customer_acceptance].", "mandate_data");
        }

        if (form["currency"] != "eur")
        {
            return Error(400, "invalid_request_error", "payment_intent_invalid_parameter", "The currency provided (" + form["currency"] + ") is invalid. Payments with sepa_debit support the following currencies: eur.", "currency");
        }

        if (!form["payment_method"].StartsWith("pm_", StringComparison.Ordinal))
        {
            return Error(400, "invalid_request_error", "resource_missing", $"No such PaymentMethod: '{form["payment_method"]}'", param: "payment_method");
        }

        intent["status"] = "processing";
        intent["processing"] = null;
        _intents[intent["id"]!.GetValue<string>()] = intent;
        return Ok(intent);
    }

    /// <summary>The bank collected the debit (days later at Stripe).</summary>
    public void SettleDebit(string intentId) => CompleteAuthentication(intentId);

    /// <summary>The bank refused the debit after it was processing.</summary>
    public void FailDebit(string intentId, string code) => FailWalletPayment(intentId, code);

    /// <summary>A Stripe dispute (fixtures3.json's <c>dispute</c>) of the whole payment, in <paramref name="status"/>.</summary>
    public JsonObject Dispute(string intentId, string disputeId, string status)
    {
        var intent = _intents[intentId];
        var dispute = Fixture("dispute");
        dispute["id"] = disputeId;
        dispute["payment_intent"] = intentId;
        dispute["amount"] = intent["amount"]!.GetValue<long>();
        dispute["currency"] = intent["currency"]!.GetValue<string>();
        dispute["status"] = status;
        return dispute;
    }

    private Reply ConfirmIntent(string id) =>
        _intents.TryGetValue(id, out var intent) ? Succeed(intent) : Missing(id);

    private Reply CreateRefund(IReadOnlyDictionary<string, string> form)
    {
        if (!_intents.TryGetValue(form["payment_intent"], out var intent))
        {
            return Missing(form["payment_intent"]);
        }

        var amount = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture);
        var refunded = _refunded.GetValueOrDefault(intent["id"]!.GetValue<string>());
        if (refunded + amount > intent["amount_received"]!.GetValue<long>())
        {
            return new Reply(400, """{"error":{"type":"invalid_request_error","code":"amount_too_large","param":"amount","message":"Refund amount is greater than unrefunded amount on charge."}}""");
        }

        _refunded[intent["id"]!.GetValue<string>()] = refunded + amount;
        var refund = Fixture("refund");
        refund["id"] = $"re_stub{Interlocked.Increment(ref _sequence):D4}";
        refund["amount"] = amount;
        refund["currency"] = intent["currency"]!.GetValue<string>();
        refund["payment_intent"] = intent["id"]!.GetValue<string>();
        refund["status"] = amount == 1 ? "pending" : "succeeded";
        return Ok(refund);
    }

    private static Reply Succeed(JsonObject intent)
    {
        intent["status"] = "succeeded";
        intent["next_action"] = null;
        intent["amount_received"] = intent["amount"]!.GetValue<long>();
        return Ok(intent);
    }

    private static Reply CardError(JsonObject intent, string code, string? declineCode)
    {
        intent["status"] = "requires_payment_method";
        var error = new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["message"] = "Your card was declined.",
        };
        intent["last_payment_error"] = error.DeepClone();
        error["payment_intent"] = intent.DeepClone();
        return new Reply(402, new JsonObject { ["error"] = error }.ToJsonString());
    }

    private static Reply Ok(JsonObject body) => new(200, body.ToJsonString());

    private static Reply Missing(string id) =>
        Error(404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'", param: "id");

    private static Reply Error(int status, string type, string code, string message, string param) => new(
        status,
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["param"] = param, ["message"] = message } }.ToJsonString());
}
