using PaymentCore.Adapters;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>A gateway that answers every charge with <see cref="Next"/> and counts the calls.</summary>
public sealed class ScriptedGateway(string name, string[]? currencies = null, string[]? regions = null) : IPaymentGateway
{
    private int _charges;

    public GatewayOutcome Next { get; set; } = new GatewayOutcome.Succeeded("ref");

    public int Charges => _charges;

    public string Name => name;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Card },
        new HashSet<string>(currencies ?? []),
        new HashSet<string>(regions ?? []),
        PartialRefunds: true);

    public Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _charges);
        return Task.FromResult(Next);
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) => Task.FromResult(Next);

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken) => Task.FromResult(Next);

    public Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken) =>
        Task.FromResult<RefundOutcome>(new RefundOutcome.NotSupported("scripted"));

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult<WebhookOutcome>(new WebhookOutcome.NotVerified("scripted", null));
}
