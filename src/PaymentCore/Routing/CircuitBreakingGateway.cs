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
    private readonly TimeProvider _time;
    private long _openUntilTicks;

    public CircuitBreakingGateway(IPaymentGateway inner, GatewayCircuitOptions options, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<GatewayOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<GatewayOutcome>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + args.BreakDuration).UtcTicks);
                    return ValueTask.CompletedTask;
                },
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null
                    || args.Outcome.Result is GatewayOutcome.NotReached or GatewayOutcome.Unknown),
            })
            .Build();
    }

    public string Name => _inner.Name;

    public GatewayCapabilities Capabilities => _inner.Capabilities;

    /// <summary>
    /// Open (or isolated): the gateway is taken out of routing. Polly moves an open circuit to
    /// half-open only when a call arrives, so once the break is over the gateway is offered
    /// again and the next charge is the trial.
    /// </summary>
    public bool IsOpen => _state.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks),
        _ => false,
    };

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

    // A payment that exists already is cancelled whatever the circuit says, like a confirmation.
    public Task<GatewayOutcome> CancelAsync(string gatewayReference, CancellationToken cancellationToken) =>
        _inner.CancelAsync(gatewayReference, cancellationToken);

    public Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken) =>
        _inner.RefundAsync(refund, cancellationToken);

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _inner.ParseWebhookAsync(delivery, cancellationToken);
}
