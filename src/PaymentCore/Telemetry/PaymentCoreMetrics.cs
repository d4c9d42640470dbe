using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Modes;
using PaymentCore.Routing;

namespace PaymentCore.Telemetry;

/// <summary>
/// The business metrics of <c>Meter("PaymentCore")</c>, exported on <c>/metrics</c>. One singleton;
/// any layer that sees an outcome calls it. Tag values are closed sets (statuses, gateway names,
/// limit names, caller names from config), never user data, so series stay few.
/// </summary>
public sealed class PaymentCoreMetrics
{
    public const string MeterName = "PaymentCore";

    private readonly Counter<long> _recharges;
    private readonly Counter<long> _limitRejections;
    private readonly Histogram<double> _gatewayLatency;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _fraudDecisions;

    /// <summary>"test" or "live": recharges carry the mode as a label, so test traffic never inflates live figures.</summary>
    private readonly string _mode;

    public PaymentCoreMetrics(IMeterFactory meters, GatewayRouter router, IOptions<ModeOptions> mode)
    {
        _mode = mode.Value.Mode.Name();
        var meter = meters.Create(MeterName);
        _fraudDecisions = meter.CreateCounter<long>(
            "paymentcore.fraud.decisions", "{decision}", "Fraud rule verdicts enforced, by action and deciding rule (\"default\" when none fired).");
        meter.CreateObservableGauge(
            "paymentcore.gateway.circuit_open",
            () => router.CircuitStates().Select(c => new Measurement<int>(c.Open ? 1 : 0, new KeyValuePair<string, object?>("gateway", c.Gateway))),
            "{circuit}",
            "1 while a gateway's circuit is open (it is skipped by routing), else 0.");
        _recharges = meter.CreateCounter<long>(
            "paymentcore.recharges", "{recharge}", "Recharges answered to callers, by status reached, gateway, region, payment method and mode (replays not counted).");
        _limitRejections = meter.CreateCounter<long>(
            "paymentcore.limit.rejections", "{rejection}", "Recharges refused because a velocity or budget limit would be exceeded, by limit.");
        _gatewayLatency = meter.CreateHistogram(
            "paymentcore.gateway.duration",
            "s",
            "Duration of gateway charge calls in seconds, by gateway and outcome (succeeded, declined, requires_action, not_reached, unknown, not_supported).",
            tags: null,
            DurationBuckets.Advice);
        _rateLimited = meter.CreateCounter<long>(
            "paymentcore.api.rate_limited", "{call}", "gRPC calls refused by the per-caller rate limit, by caller.");
    }

    /// <param name="status">The recharge status, e.g. "SUCCEEDED".</param>
    /// <param name="gateway">The gateway that handled it, or "none" when none was reached.</param>
    /// <param name="region">The catalog region that priced it, e.g. "US".</param>
    /// <param name="method">The payment method as the catalog names it, e.g. "card", "voucher".</param>
    public void RechargeCompleted(string status, string gateway, string region, string method) =>
        _recharges.Add(
            1,
            new("status", status),
            new("gateway", gateway.Length == 0 ? "none" : gateway),
            new("region", region),
            new("method", method),
            new("mode", _mode));

    public void LimitRejected(string limit) => _limitRejections.Add(1, new KeyValuePair<string, object?>("limit", limit));

    /// <summary>One gateway call and what it answered: its latency and, by outcome, its error rate (not_reached, unknown).</summary>
    public void GatewayCalled(string gateway, GatewayOutcome outcome, TimeSpan elapsed) =>
        _gatewayLatency.Record(elapsed.TotalSeconds, new("gateway", gateway), new("outcome", OutcomeName(outcome)));

    public void FraudDecision(string action, string? decidingRuleId) =>
        _fraudDecisions.Add(1, new("action", action), new("rule", decidingRuleId ?? "default"));

    public void RateLimited(string caller) => _rateLimited.Add(1, new KeyValuePair<string, object?>("caller", caller));

    private static string OutcomeName(GatewayOutcome outcome) => outcome switch
    {
        GatewayOutcome.Succeeded => "succeeded",
        GatewayOutcome.Declined => "declined",
        GatewayOutcome.RequiresAction => "requires_action",
        GatewayOutcome.Processing => "processing",
        GatewayOutcome.NotReached => "not_reached",
        GatewayOutcome.Unknown => "unknown",
        GatewayOutcome.NotSupported => "not_supported",
        _ => "other",
    };
}
