using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>A live-mode PaymentCore in process, paying by card through Stripe's loopback stub with a live key.</summary>
public sealed class LiveModeHost : IAsyncLifetime
{
    private StripeStub? _stripe;

    public PaymentCoreServer Server { get; private set; } = null!;

    public StripeStub Stripe => _stripe!;

    public async Task InitializeAsync()
    {
        _stripe = await StripeStub.StartAsync();
        Server = await PaymentCoreServer.StartAsync(ModeSettings.Live(_stripe));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_stripe is not null)
        {
            await _stripe.DisposeAsync();
        }
    }
}
