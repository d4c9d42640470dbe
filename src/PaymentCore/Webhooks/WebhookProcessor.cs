using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Orchestration;
using PaymentCore.Recharges;
using PaymentCore.Routing;
using PaymentCore.State;

namespace PaymentCore.Webhooks;

/// <summary>
/// Verifies a gateway's webhook delivery with its adapter and applies what it says through the
/// same state machine and outbox as the RPCs. A delivery that cannot be verified changes nothing;
/// at most it makes us ask the gateway about the payment it names.
/// </summary>
public sealed partial class WebhookProcessor(
    GatewayRouter router,
    IRechargeStore store,
    RechargeOrchestrator orchestrator,
    TransitionCommitter committer,
    TimeProvider time,
    IOptions<ReconcilerOptions> reconciler,
    ILogger<WebhookProcessor> logger)
{
    private const int Attempts = 5;

    public async Task<WebhookResult> ProcessAsync(string gatewayName, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (router.Find(gatewayName) is not { } gateway)
        {
            return WebhookResult.UnknownGateway;
        }

        switch (await gateway.ParseWebhookAsync(delivery, cancellationToken))
        {
            case WebhookOutcome.Verified verified:
                return await ApplyAsync(gatewayName, verified.Event, cancellationToken);
            case WebhookOutcome.Ignored ignored:
                LogIgnored(gatewayName, ignored.EventType, ignored.EventId);
                return WebhookResult.Accepted;
            case WebhookOutcome.NotVerified notVerified:
                LogNotVerified(gatewayName, notVerified.Reason);
                if (notVerified.LookupHint is { } hint)
                {
                    await LookUpAsync(gatewayName, hint, cancellationToken);
                }

                return WebhookResult.NotVerified;
            default:
                throw new InvalidOperationException("Unhandled webhook outcome.");
        }
    }

    private async Task<WebhookResult> ApplyAsync(string gatewayName, GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        if (await store.FindByGatewayReferenceAsync(gatewayName, gatewayEvent.GatewayReference, cancellationToken) is not { } rechargeId)
        {
            // Possibly faster than our own commit of the payment: the gateway retries later.
            return WebhookResult.NotYetKnown;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var recharge = await store.GetAsync(rechargeId, cancellationToken) ?? throw new InvalidOperationException($"Indexed recharge {rechargeId} is missing.");
            if (recharge.PendingRefund is not null && gatewayEvent is GatewayEvent.Refunded)
            {
                // Our own refund's answer is still being recorded; the retried delivery will find it done.
                return WebhookResult.NotYetKnown;
            }

            var transition = GatewayMeaning.OfEvent(recharge, gatewayEvent, gatewayName, time.GetUtcNow(), reconciler.Value.AbandonActionAfter);
            if (transition is null && gatewayEvent is GatewayEvent.PaymentSucceeded && recharge.Status == RechargeStatus.Failed)
            {
                // The state machine keeps a declined recharge FAILED, but the gateway says it took the
                // money: no coins were credited for it, so someone must refund it or find out why.
                LogPaidButFailed(gatewayName, gatewayEvent.EventId, rechargeId, recharge.Failure?.Code);
            }

            if (transition is null || await committer.CommitAsync(transition, claim: null) is CommitResult.Committed)
            {
                LogApplied(gatewayName, gatewayEvent.GetType().Name, gatewayEvent.EventId, rechargeId, transition?.Recharge.Status);
                return WebhookResult.Accepted;
            }
        }

        return WebhookResult.NotYetKnown;
    }

    private async Task LookUpAsync(string gatewayName, string gatewayReference, CancellationToken cancellationToken)
    {
        if (await store.FindByGatewayReferenceAsync(gatewayName, gatewayReference, cancellationToken) is { } rechargeId
            && await store.GetAsync(rechargeId, cancellationToken) is { } recharge)
        {
            await orchestrator.ReconcileAsync(recharge, abandonActionAfter: TimeSpan.MaxValue);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Gateway} {EventType} {EventId} for recharge {RechargeId}: now {Status}")]
    private partial void LogApplied(string gateway, string eventType, string eventId, string rechargeId, RechargeStatus? status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Gateway} {EventId}: the gateway reports recharge {RechargeId} paid, but it FAILED ({FailureCode}) and credited no coins; refund the payment at the gateway or find out why it was charged")]
    private partial void LogPaidButFailed(string gateway, string eventId, string rechargeId, string? failureCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Gateway} {EventType} {EventId} ignored")]
    private partial void LogIgnored(string gateway, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook from {Gateway} not verified ({Reason}); not trusted")]
    private partial void LogNotVerified(string gateway, string reason);
}

/// <summary>How a webhook delivery was taken, as the HTTP answer tells the gateway.</summary>
public enum WebhookResult
{
    /// <summary>200: applied, or nothing to change.</summary>
    Accepted,

    /// <summary>409: the payment is not recorded yet, or is busy; the gateway retries later.</summary>
    NotYetKnown,

    /// <summary>400: not authentic; never trusted.</summary>
    NotVerified,

    /// <summary>404: no such gateway is configured.</summary>
    UnknownGateway,
}
