using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>
/// PayPal's vault in the stand-in: an order asking <c>attributes.vault.store_in_vault = ON_SUCCESS</c>
/// vaults the payer's account when it is captured (the order then shows the payment token, its
/// customer and the payer's e-mail address, as <c>paypal_wallet_response</c> does); an order paid
/// with <c>vault_id</c> completes at once, without the payer, or is refused when the token is gone;
/// <c>DELETE /v3/vault/payment-tokens/{id}</c> deletes a token (204, then 404).
/// </summary>
public sealed partial class PayPalStub
{
    public const string PayerEmail = "jane.payer@example.com";

    private readonly ConcurrentDictionary<string, bool> _vaultOnSuccess = new();
    private readonly ConcurrentDictionary<string, string> _paymentTokens = new();

    /// <summary>The payment tokens PayPal holds now, each with its customer.</summary>
    public IReadOnlyDictionary<string, string> PaymentTokens => _paymentTokens;

    /// <summary>The payer removed the saved account at PayPal.</summary>
    public void RevokePaymentToken(string token) => _paymentTokens.TryRemove(token, out _);

    private Reply? RouteVault(RecordedRequest request) => (request.Method, request.Path.Trim('/').Split('/')) switch
    {
        ("DELETE", ["v3", "vault", "payment-tokens", var token]) => _paymentTokens.TryRemove(token, out _) ? new Reply(204) : NotFound(),
        _ => null,
    };

    /// <summary>Remembers an order to vault on success, or pays one with a vaulted account; null for a plain order.</summary>
    private Reply? Vaulting(JsonObject order, JsonObject body)
    {
        var paypal = body["payment_source"]?["paypal"];
        var id = order["id"]!.GetValue<string>();
        if (paypal?["vault_id"]?.GetValue<string>() is { } token)
        {
            if (!_paymentTokens.ContainsKey(token))
            {
                _orders.TryRemove(id, out _);
                return NotFound();
            }

            order["payment_source"] = new JsonObject
            {
                ["paypal"] = new JsonObject { ["email_address"] = PayerEmail, ["attributes"] = VaultResponse(token, _paymentTokens[token]) },
            };
            order["links"] = new JsonArray(Link($"{Server.BaseAddress}v2/checkout/orders/{id}", "self", "GET"));
            Approve(id);
            return Capture(id);
        }

        if (paypal?["attributes"]?["vault"]?["store_in_vault"]?.GetValue<string>() == "ON_SUCCESS")
        {
            _vaultOnSuccess[id] = true;
        }

        return null;
    }

    private void VaultOnSuccess(JsonObject order)
    {
        var id = order["id"]!.GetValue<string>();
        if (!_vaultOnSuccess.TryRemove(id, out _))
        {
            return;
        }

        var token = $"8kk{Interlocked.Increment(ref _sequence):D5}vt";
        var customer = $"cust_{Interlocked.Increment(ref _sequence):D6}";
        _paymentTokens[token] = customer;
        order["payment_source"] = new JsonObject
        {
            ["paypal"] = new JsonObject
            {
                ["email_address"] = PayerEmail,
                ["account_id"] = "QYR5Z8XDVJNXQ",
                ["attributes"] = VaultResponse(token, customer),
            },
        };
    }

    private static JsonObject VaultResponse(string token, string customer) => new()
    {
        ["vault"] = new JsonObject
        {
            ["id"] = token,
            ["status"] = "VAULTED",
            ["customer"] = new JsonObject { ["id"] = customer },
        },
    };
}
