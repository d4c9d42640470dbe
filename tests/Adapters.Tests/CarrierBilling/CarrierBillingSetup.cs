using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PaymentCore.Adapters.CarrierBilling;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>The gateway as the tests configure it against <see cref="CarrierBillingStub"/>, and what they charge.</summary>
public static class CarrierBillingSetup
{
    /// <summary>A German mobile number: personal data, never to be seen in clear outside the request to the operator.</summary>
    public const string Phone = "+4915112345678";
    public const string MaskedPhone = "+***********78";
    public const string NotificationToken = "notif-token-0123456789abcdef0123456789";

    public static CarrierBillingOptions Options(CarrierBillingStub stub, CarrierBillingFlow flow = CarrierBillingFlow.TwoStep) => new()
    {
        ApiBase = stub.Server.BaseAddress,
        TokenUrl = stub.TokenUrl,
        ClientId = CarrierBillingStub.ClientId,
        ClientSecret = CarrierBillingStub.ClientSecret,
        NotificationUrl = new Uri("https://pay.example.com/webhooks/carrier_billing"),
        NotificationToken = NotificationToken,
        Currencies = ["EUR", "BRL"],
        Flow = flow,
        MerchantName = "Coin Shop",
        MerchantIdentifier = "coinshop-01",
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static CarrierBillingGateway Gateway(
        CarrierBillingStub stub, TimeProvider? time = null, CarrierBillingFlow flow = CarrierBillingFlow.TwoStep, ILogger<CarrierBillingGateway>? logger = null) =>
        new(new HttpClient(), Options(stub, flow), time ?? TimeProvider.System, logger);

    public static GatewayRequest Charge(string rechargeId = "rch_01", long cents = 499, string phone = Phone, string currency = "EUR") =>
        new($"{rechargeId}:charge", new Money(currency, cents), "DE", new CarrierBillingInstrument(phone), rechargeId, "100 coins", TaxIncluded: true);

    /// <summary>The code the user types, answering the prompt the gateway gave.</summary>
    public static GatewayConfirmation Answer(GatewayOutcome.RequiresAction prompt, string? code) =>
        new($"{prompt.GatewayReference}:confirm", prompt.GatewayReference, code, prompt);
}

/// <summary>Every log line a logger wrote, formatted, with its structured values.</summary>
public sealed class CapturedLog<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} [{values}] {exception}");
    }
}
