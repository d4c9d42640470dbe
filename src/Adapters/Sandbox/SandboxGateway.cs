using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Adapters.Sandbox;

/// <summary>
/// A deterministic in-process gateway. The token picks the outcome; the gateway reference is
/// derived from the idempotency key, and the reference's prefix carries what a later confirm or
/// lookup needs, so the gateway keeps no state except its ledger of charges (which, like a real
/// gateway, counts a retried idempotency key once).
/// </summary>
public sealed class SandboxGateway : IPaymentGateway
{
    public const string GatewayName = "sandbox";

    private const string ChargedPrefix = "sbx_ch_";
    private const string ChallengePrefix = "sbx_3ds_";
    private const string TimedOutPrefix = "sbx_to_";
    private const string DeclinedPrefix = "sbx_dc_";

    private readonly ConcurrentDictionary<string, Money> _charges = new(StringComparer.Ordinal);
    private readonly Uri _challengeBase;

    public SandboxGateway(Uri? challengeBase = null) =>
        _challengeBase = challengeBase ?? new Uri("https://sandbox.paymentcore.invalid/3ds/");

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Sandbox },
        new HashSet<string>());

    /// <summary>Distinct payments that took money, as a gateway's dashboard would count them.</summary>
    public int ChargeCount => _charges.Count;

    public Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (request.Instrument is not SandboxInstrument sandbox)
        {
            return Task.FromResult<GatewayOutcome>(new GatewayOutcome.NotSupported("The Sandbox only takes sandbox tokens."));
        }

        var suffix = ReferenceSuffix(request.IdempotencyKey);
        GatewayOutcome outcome = sandbox.Token switch
        {
            SandboxTokens.Ok => Charge(ChargedPrefix + suffix, request.Amount),
            SandboxTokens.DeclineCardDeclined => new GatewayOutcome.Declined(
                DeclinedPrefix + suffix, "card_declined", "The card was declined.", "generic_decline"),
            SandboxTokens.DeclineInsufficientFunds => new GatewayOutcome.Declined(
                DeclinedPrefix + suffix, "insufficient_funds", "The card has insufficient funds.", "insufficient_funds"),
            SandboxTokens.ThreeDSecure => new GatewayOutcome.RequiresAction(
                ChallengePrefix + suffix, new Uri(_challengeBase, ChallengePrefix + suffix)),
            // The charge went through but the answer was lost: a lookup later finds it succeeded.
            SandboxTokens.Timeout => TimedOut(TimedOutPrefix + suffix, request.Amount),
            SandboxTokens.Unavailable => new GatewayOutcome.NotReached("sandbox: connection refused"),
            _ => new GatewayOutcome.Declined(null, "invalid_token", "The payment token is not valid.", null),
        };
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken)
    {
        GatewayOutcome outcome = confirmation.GatewayReference.StartsWith(ChallengePrefix, StringComparison.Ordinal)
            ? Charge(confirmation.GatewayReference, amount: null)
            : new GatewayOutcome.NotSupported("Only a 3-D Secure payment can be confirmed.");
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        GatewayOutcome outcome = gatewayReference switch
        {
            _ when _charges.ContainsKey(gatewayReference) => new GatewayOutcome.Succeeded(gatewayReference),
            _ when gatewayReference.StartsWith(ChallengePrefix, StringComparison.Ordinal) =>
                new GatewayOutcome.RequiresAction(gatewayReference, new Uri(_challengeBase, gatewayReference)),
            _ when gatewayReference.StartsWith(DeclinedPrefix, StringComparison.Ordinal) =>
                new GatewayOutcome.Declined(gatewayReference, "card_declined", "The card was declined.", null),
            _ => new GatewayOutcome.Unknown(gatewayReference, "sandbox: no such payment"),
        };
        return Task.FromResult(outcome);
    }

    private GatewayOutcome.Succeeded Charge(string reference, Money? amount)
    {
        _charges.TryAdd(reference, amount ?? default);
        return new GatewayOutcome.Succeeded(reference);
    }

    private GatewayOutcome.Unknown TimedOut(string reference, Money amount)
    {
        _charges.TryAdd(reference, amount);
        return new GatewayOutcome.Unknown(reference, "sandbox: gateway timed out");
    }

    private static string ReferenceSuffix(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 12));
}
