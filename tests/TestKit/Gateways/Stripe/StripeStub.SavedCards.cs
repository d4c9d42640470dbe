using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.Stripe;

/// <summary>
/// Saved cards in the stand-in, as Stripe does them: Customers (POST /v1/customers), a charge with
/// <c>setup_future_usage=off_session</c> on a Customer makes a new PaymentMethod that Stripe attaches
/// to the Customer once the payment succeeds, off-session charges of it (<c>off_session=true</c>,
/// <c>confirm=true</c>, refused without both, or for a PaymentMethod not attached to that Customer),
/// reading (GET /v1/payment_methods/{id}) and detaching it. The test card picks the repeat:
/// <c>pm_card_visa</c> and <c>pm_card_authenticationRequiredOnSetup</c> charge off-session,
/// <c>pm_card_authenticationRequired</c> declines off-session with <c>authentication_required</c>
/// (confirmed on-session, it asks for 3-D Secure); <see cref="ExpireCard"/> makes a saved card expired.
/// </summary>
public sealed partial class StripeStub
{
    private readonly ConcurrentDictionary<string, JsonObject> _customers = new();
    private readonly ConcurrentDictionary<string, SavedCard> _savedCards = new();

    /// <summary>Customers made, each once however often its Idempotency-Key was retried.</summary>
    public int CustomersCreated => _customers.Count;

    /// <summary>The PaymentMethods attached to a Customer now.</summary>
    public IReadOnlyList<string> AttachedTo(string customer) =>
        _savedCards.Where(c => c.Value.Customer == customer && Attached(c.Value)).Select(c => c.Key).ToList();

    /// <summary>The saved card expired since it was saved: Stripe declines it from now on.</summary>
    public void ExpireCard(string paymentMethodId) => _savedCards[paymentMethodId] = _savedCards[paymentMethodId] with { Expired = true };

    /// <summary>The card was detached at Stripe by someone else (the dashboard, support): Stripe refuses it from now on.</summary>
    public void DetachCard(string paymentMethodId) => _savedCards[paymentMethodId] = _savedCards[paymentMethodId] with { Detached = true };

    /// <summary>The Customers made for a user (by the user id in their metadata).</summary>
    public int CustomersOf(string userId) => _customers.Values.Count(c => c["metadata"]?["user_id"]?.GetValue<string>() == userId);

    private Reply? RouteSavedCards(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["v1", "customers"]) => CreateCustomer(request.Form),
            ("GET", ["v1", "payment_methods", var id]) => _savedCards.TryGetValue(id, out var card) ? Ok(PaymentMethod(id, card)) : MissingPaymentMethod(id),
            ("POST", ["v1", "payment_methods", var id, "detach"]) => Detach(id),
            ("POST", ["v1", "payment_intents", var id, "confirm"]) when _intents.TryGetValue(id, out var intent)
                && intent["status"]?.GetValue<string>() == "requires_payment_method" => ConfirmOnSession(intent, request.Form),
            _ => null,
        };
    }

    /// <summary>A saving charge or an off-session charge, made here; null for any other charge.</summary>
    private Reply? SavedCardIntent(JsonObject intent, IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("off_session") == "true")
        {
            return OffSession(intent, form);
        }

        if (!form.TryGetValue("setup_future_usage", out var usage))
        {
            return null;
        }

        if (usage != "off_session" || !form.TryGetValue("customer", out var customer) || !_customers.ContainsKey(customer))
        {
            return Error(400, "invalid_request_error", "resource_missing", $"No such customer: '{form.GetValueOrDefault("customer")}'", "customer");
        }

        var id = intent["id"]!.GetValue<string>();
        var token = form["payment_method"];
        // Like Stripe, a test card token makes a new PaymentMethod, the one that is attached.
        var paymentMethod = $"pm_1Saved{Interlocked.Increment(ref _sequence):D6}";
        _savedCards[paymentMethod] = new SavedCard(customer, id, token);
        intent["customer"] = customer;
        intent["setup_future_usage"] = "off_session";
        intent["payment_method"] = paymentMethod;
        _intents[id] = intent;
        return token switch
        {
            "pm_card_visa" => Succeed(intent),
            "pm_card_authenticationRequired" or "pm_card_authenticationRequiredOnSetup" => AskFor3ds(intent, form["return_url"]),
            _ => Error(400, "invalid_request_error", "resource_missing", $"No such PaymentMethod: '{token}'", "payment_method"),
        };
    }

    private Reply OffSession(JsonObject intent, IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("confirm") != "true" || form.ContainsKey("setup_future_usage") || form.ContainsKey("return_url"))
        {
            return Error(400, "invalid_request_error", "parameter_invalid", "off_session=true needs confirm=true, and no setup_future_usage or return_url.", "off_session");
        }

        var paymentMethod = form.GetValueOrDefault("payment_method") ?? string.Empty;
        if (!_savedCards.TryGetValue(paymentMethod, out var card))
        {
            return MissingPaymentMethod(paymentMethod);
        }

        if (!Attached(card) || card.Customer != form.GetValueOrDefault("customer"))
        {
            return Error(400, "invalid_request_error", "payment_method_unexpected_state", "The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer. It may not be used again.", "payment_method");
        }

        var id = intent["id"]!.GetValue<string>();
        intent["customer"] = card.Customer;
        intent["payment_method"] = paymentMethod;
        _intents[id] = intent;
        return card switch
        {
            { Expired: true } => CardError(intent, "expired_card", declineCode: null),
            { Token: "pm_card_authenticationRequired" } => CardError(intent, "authentication_required", "authentication_required"),
            _ => Succeed(intent),
        };
    }

    /// <summary>The payer is back: confirming on-session with a return URL asks for 3-D Secure.</summary>
    private Reply ConfirmOnSession(JsonObject intent, IReadOnlyDictionary<string, string> form) =>
        form.TryGetValue("return_url", out var returnUrl) && form.GetValueOrDefault("payment_method") == intent["payment_method"]?.GetValue<string>()
            ? AskFor3ds(intent, returnUrl)
            : Error(400, "invalid_request_error", "parameter_missing", "Confirming needs the payment_method and a return_url.", "return_url");

    private static Reply AskFor3ds(JsonObject intent, string returnUrl)
    {
        intent["status"] = "requires_action";
        intent["last_payment_error"] = null;
        intent["next_action"] = new JsonObject
        {
            ["type"] = "redirect_to_url",
            ["redirect_to_url"] = new JsonObject { ["url"] = ThreeDSecureUrl + intent["id"]!.GetValue<string>(), ["return_url"] = returnUrl },
        };
        return Ok(intent);
    }

    private Reply CreateCustomer(IReadOnlyDictionary<string, string> form)
    {
        var customer = Fixture("customer");
        customer["id"] = $"cus_Stub{Interlocked.Increment(ref _sequence):D6}";
        customer["discount"] = null;
        customer["metadata"] = new JsonObject { ["user_id"] = form.GetValueOrDefault("metadata[user_id]") };
        _customers[customer["id"]!.GetValue<string>()] = customer;
        return Ok(customer);
    }

    private Reply Detach(string id)
    {
        if (!_savedCards.TryGetValue(id, out var card))
        {
            return MissingPaymentMethod(id);
        }

        if (!Attached(card))
        {
            return Error(400, "invalid_request_error", "payment_method_unexpected_state", "The payment method you provided is not attached to a customer so detachment is impossible.", "payment_method");
        }

        _savedCards[id] = card with { Detached = true };
        return Ok(PaymentMethod(id, _savedCards[id]));
    }

    /// <summary>Stripe attaches the PaymentMethod when the saving payment succeeds, and until it is detached.</summary>
    private bool Attached(SavedCard card) =>
        !card.Detached && _intents.TryGetValue(card.SavingIntent, out var saving) && saving["status"]?.GetValue<string>() == "succeeded";

    private JsonObject PaymentMethod(string id, SavedCard card)
    {
        var paymentMethod = Fixture("payment_method");
        paymentMethod["id"] = id;
        paymentMethod["customer"] = Attached(card) ? card.Customer : null;
        var details = paymentMethod["card"]!.AsObject();
        details["last4"] = card.Token switch
        {
            "pm_card_authenticationRequired" => "3184",
            "pm_card_authenticationRequiredOnSetup" => "3155",
            _ => "4242",
        };
        details["exp_month"] = 8;
        details["exp_year"] = card.Expired ? 2020 : 2030;
        return paymentMethod;
    }

    private static Reply MissingPaymentMethod(string id) =>
        Error(404, "invalid_request_error", "resource_missing", $"No such PaymentMethod: '{id}'", "payment_method");

    /// <param name="Token">The test card it was made from: it picks how later charges go.</param>
    private sealed record SavedCard(string Customer, string SavingIntent, string Token, bool Expired = false, bool Detached = false);
}
