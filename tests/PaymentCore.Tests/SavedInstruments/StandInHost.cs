using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentCore.Adapters.Tests.PayPal;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.SavedInstruments;

/// <summary>The real host on a redis-server of its own, paying by card and PayPal through the Stripe and PayPal stand-ins, with every log line it writes kept as written (before any redaction).</summary>
public sealed class StandInHost : IAsyncLifetime
{
    private RedisServer? _redis;

    public PaymentCoreServer Server { get; private set; } = null!;

    public StripeStub Stripe { get; private set; } = null!;

    public PayPalStub PayPal { get; private set; } = null!;

    public RawLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Stripe = await StripeStub.StartAsync();
        PayPal = await PayPalStub.StartAsync();
        var settings = RedisSettings.For(_redis.Endpoint);
        settings["Gateways:Stripe:ApiKey"] = StripeStub.ApiKey;
        settings["Gateways:Stripe:ApiBase"] = Stripe.Server.BaseAddress.ToString();
        settings["Gateways:Stripe:WebhookSecret"] = "whsec_saved";
        settings["Gateways:Stripe:ReturnUrl"] = StripeStub.ReturnUrl.ToString();
        settings["Gateways:PayPal:ClientId"] = PayPalStub.ClientId;
        settings["Gateways:PayPal:ClientSecret"] = PayPalStub.ClientSecret;
        settings["Gateways:PayPal:WebhookId"] = PayPalStub.WebhookId;
        settings["Gateways:PayPal:ApiBase"] = PayPal.Server.BaseAddress.ToString();
        Server = await PaymentCoreServer.StartAsync(settings, services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Stripe.DisposeAsync();
        await PayPal.DisposeAsync();
        await _redis!.DisposeAsync();
    }
}

/// <summary>Every log message as its logger formatted it, at every level, with no redacting formatter in between.</summary>
public sealed class RawLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RawLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(formatter(state, exception) + " " + exception);
    }
}
