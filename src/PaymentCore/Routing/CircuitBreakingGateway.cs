using Polly;
using Polly.CircuitBreaker;
using PaymentCore.Adapters;

namespace PaymentCore.Routing;

/// <summary>
/// A gateway behind its own Polly circuit breaker. Charges whose outcome says the gateway is
/// unwell (not reached, or no answer) count as failures; enough of them open the circuit, the
/// router stops offering the gateway, and a charge that still arrives is answered NotReached
/// without being sent, which is what allows failover. Confirmations, lookups, refunds and
/// webhooks concern payments already at the gateway and always go through.
/// </summary>
public sealed class CircuitBreakingGateway : IPaymentGateway
{
    private readonly IPaymentGateway _inner;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline<GatewayOutcome> _pipeline;

    public CircuitBreakingGateway(IPaymentGateway inner, GatewayCircuitOptions options, TimeProvider time)
    {
        _inner = inner;
        _pipeline = new ResiliencePipelineBuilder<GatewayOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<GatewayOutcome>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null
                    || args.Outcome.Result is GatewayOutcome.NotReached or GatewayOutcome.Unknown),
            })
            .Build();
    }

    public string Name => _inner.Name;

    public GatewayCapabilities Capabilities => _inner.Capabilities;

    /// <summary>Open (or isolated): the gateway is taken out of routing. Half-open lets a trial charge through.</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<GatewayOutcome>(state.Inner.ChargeAsync(state.Request, token)),
                (Inner: _inner, Request: request),
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return new GatewayOutcome.NotReached($"{Name}: circuit open");
        }
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        _inner.ConfirmAsync(confirmation, cancellationToken);

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken) =>
        _inner.LookupAsync(gatewayReference, cancellationToken);

    public Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken) =>
        _inner.RefundAsync(refund, cancellationToken);

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _inner.ParseWebhookAsync(delivery, cancellationToken);
}
