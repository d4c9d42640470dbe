using System.Text.Json.Nodes;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>Saved PayPal accounts: vaulted with the saving order, paid with without the payer, deleted; every body held against PayPal's specs.</summary>
public sealed class PayPalVaultTests : IAsyncLifetime
{
    private static readonly PayPalInstrument Payer = new(new Uri("https://app.example.com/r"), new Uri("https://app.example.com/c"));
    private PayPalStub _paypal = null!;
    private PayPalGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _paypal = await PayPalStub.StartAsync();
        _gateway = new PayPalGateway(
            new HttpClient(),
            new PayPalOptions { ClientId = PayPalStub.ClientId, ClientSecret = PayPalStub.ClientSecret, WebhookId = PayPalStub.WebhookId, ApiBase = _paypal.Server.BaseAddress },
            TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _paypal.DisposeAsync();
    }

    [Fact]
    public async Task SaveRepeatDelete_EveryOrderRequestAndOrderConformsToTheSpec()
    {
        var saved = await SaveAsync();

        var repeat = await _gateway.ChargeAsync(Request("k-repeat") with { Saved = saved.Credential }, default);
        var deleted = await _gateway.DeleteInstrumentAsync(saved.Credential, default);

        Assert.IsType<GatewayOutcome.Succeeded>(repeat);
        Assert.IsType<DeleteOutcome.Deleted>(deleted);
        Assert.Empty(_paypal.PaymentTokens);
        var orders = _paypal.Server.RequestsTo("POST", "/v2/checkout/orders");
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Empty(OpenApiSpec.CheckoutOrders.Violations(JsonNode.Parse(o.BodyText), "order_request")));
        Assert.Equal("ON_SUCCESS", JsonNode.Parse(orders[0].BodyText)!["payment_source"]!["paypal"]!["attributes"]!["vault"]!["store_in_vault"]!.GetValue<string>());
        var repeatBody = JsonNode.Parse(orders[1].BodyText)!["payment_source"]!["paypal"]!.AsObject();
        Assert.Equal(saved.Credential.Token, repeatBody["vault_id"]!.GetValue<string>());
        Assert.False(repeatBody.ContainsKey("experience_context"));
        Assert.Empty(OpenApiSpec.CheckoutOrders.Violations(_paypal.Order(((GatewayOutcome.Succeeded)repeat).GatewayReference), "order"));
    }

    [Fact]
    public async Task Save_KeepsTheTokenAndTheMaskedEmailOnly()
    {
        var saved = await SaveAsync();

        Assert.Equal("PayPal j***@example.com", saved.Display.Description);
        Assert.Equal("j***@example.com", saved.Display.MaskedEmail);
        Assert.Equal(_paypal.PaymentTokens.Single().Key, saved.Credential.Token);
        Assert.Equal(_paypal.PaymentTokens.Single().Value, saved.Credential.Customer);
    }

    [Fact]
    public async Task RepeatWithTokenGoneAtPayPal_IsRevoked()
    {
        var saved = await SaveAsync();
        _paypal.RevokePaymentToken(saved.Credential.Token);

        var repeat = await _gateway.ChargeAsync(Request("k-gone") with { Saved = saved.Credential }, default);

        Assert.Equal(InstrumentDeclines.Revoked, Assert.IsType<GatewayOutcome.Declined>(repeat).Code);
        Assert.IsType<DeleteOutcome.Deleted>(await _gateway.DeleteInstrumentAsync(saved.Credential, default));
    }

    [Fact]
    public async Task PlainOrder_IsNotSaved()
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await _gateway.ChargeAsync(Request("k-plain"), default));
        _paypal.Approve(action.GatewayReference);
        await _gateway.ConfirmAsync(new GatewayConfirmation("k-plain-c", action.GatewayReference), default);

        Assert.IsType<SaveOutcome.NotSaved>(await _gateway.SaveInstrumentAsync(new InstrumentSaving("u1", action.GatewayReference, Payer), default));
    }

    private static GatewayRequest Request(string key) => new(key, new Money("USD", 499), "US", Payer, "rch_1", "500 coins");

    private async Task<SaveOutcome.Saved> SaveAsync()
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(
            await _gateway.ChargeAsync(Request("k-save") with { SaveFor = new InstrumentSetup("u1", null) }, default));
        _paypal.Approve(action.GatewayReference);
        Assert.IsType<GatewayOutcome.Succeeded>(await _gateway.ConfirmAsync(new GatewayConfirmation("k-save-c", action.GatewayReference), default));
        Assert.Empty(OpenApiSpec.CheckoutOrders.Violations(_paypal.Order(action.GatewayReference), "order"));
        return Assert.IsType<SaveOutcome.Saved>(await _gateway.SaveInstrumentAsync(new InstrumentSaving("u1", action.GatewayReference, Payer), default));
    }
}
