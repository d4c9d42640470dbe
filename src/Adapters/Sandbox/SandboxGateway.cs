using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Adapters.Sandbox;

/// <summary>
/// A deterministic in-process gateway. The token picks the outcome; the gateway reference is
/// derived from the idempotency key, and the reference's prefix carries what a later confirm or
/// lookup needs, so the gateway keeps no state except its ledgers of charges and refunds (which,
/// like a real gateway, count a retried idempotency key once). It remembers the last
/// <see cref="DefaultLedgerCapacity"/> charges (configurable): a refund of a charge forgotten since
/// is declined as not found, while a lookup still answers from the reference's prefix.
/// </summary>
public sealed class SandboxGateway : IPaymentGateway
{
    public const string GatewayName = "sandbox";

    private const string ChargedPrefix = "sbx_ch_";
    private const string ChallengePrefix = "sbx_3ds_";
    private const string TimedOutPrefix = "sbx_to_";
    private const string DeclinedPrefix = "sbx_dc_";
    private const string RefundPrefix = "sbx_re_";

    public const int DefaultLedgerCapacity = 10_000;

    private readonly SandboxLedger _charges;
    private readonly SandboxLedger _challenges;
    private readonly Dictionary<string, (string Payment, Money Amount)> _refunds = new(StringComparer.Ordinal);
    private readonly Uri _challengeBase;

    private readonly string? _webhookSecret;
    private readonly SandboxCarrierBilling _carrier;

    /// <param name="challengeBase">Where the 3-D Secure challenge pages of the Sandbox live.</param>
    /// <param name="webhookSecret">Signing secret of <see cref="SandboxWebhooks"/>; without it no webhook is authentic.</param>
    /// <param name="ledgerCapacity">How many charges (and, apart, 3-D Secure challenges and prepared carrier payments) the Sandbox remembers.</param>
    /// <param name="time">When a carrier-billing code expires is read from it.</param>
    public SandboxGateway(Uri? challengeBase = null, string? webhookSecret = null, int ledgerCapacity = DefaultLedgerCapacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ledgerCapacity, 1);
        _charges = new SandboxLedger(ledgerCapacity);
        _challenges = new SandboxLedger(ledgerCapacity);
        _challengeBase = challengeBase ?? new Uri("https://sandbox.paymentcore.invalid/3ds/");
        _webhookSecret = webhookSecret;
        _carrier = new SandboxCarrierBilling(time ?? TimeProvider.System, _charges, new SandboxLedger(ledgerCapacity));
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Sandbox, PaymentMethodType.CarrierBilling },
        Currencies: new HashSet<string>(),
        Regions: new HashSet<string>(),
        PartialRefunds: true);

    /// <summary>Distinct payments that took money since start, as a gateway's dashboard would count them.</summary>
    public int ChargeCount => _charges.Recorded;

    public Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var suffix = ReferenceSuffix(request.IdempotencyKey);
        if (request.Instrument is CarrierBillingInstrument line)
        {
            return Task.FromResult(_carrier.Charge(request, line, suffix));
        }

        if (request.Instrument is not SandboxInstrument sandbox)
        {
            return Task.FromResult<GatewayOutcome>(new GatewayOutcome.NotSupported("The Sandbox only takes sandbox tokens and phone numbers."));
        }

        GatewayOutcome outcome = SandboxSavedCards.Behaviour(sandbox.Token, request.Saved) switch
        {
            // A step-up turns the plain success into a 3-D Secure challenge, as a real card would.
            SandboxTokens.Ok when request.StepUp => new GatewayOutcome.RequiresAction(
                ChallengePrefix + suffix, new Uri(_challengeBase, ChallengePrefix + suffix)),
            SandboxTokens.Ok => Charge(ChargedPrefix + suffix, request.Amount),
            SandboxTokens.DeclineCardDeclined => new GatewayOutcome.Declined(
                DeclinedPrefix + suffix, "card_declined", "The card was declined.", "generic_decline"),
            SandboxTokens.DeclineInsufficientFunds => new GatewayOutcome.Declined(
                DeclinedPrefix + suffix, "insufficient_funds", "The card has insufficient funds.", "insufficient_funds"),
            SandboxTokens.ThreeDSecure => Challenge(ChallengePrefix + suffix, request.Amount),
            // The charge went through but the answer was lost: a lookup later finds it succeeded.
            SandboxTokens.Timeout => TimedOut(TimedOutPrefix + suffix, request.Amount),
            SandboxTokens.Unavailable => new GatewayOutcome.NotReached("sandbox: connection refused"),
            SandboxTokens.ExpiredOnRepeat => new GatewayOutcome.Declined(
                DeclinedPrefix + suffix, InstrumentDeclines.Expired, "The saved card has expired.", "expired_card"),
            _ => new GatewayOutcome.Declined(null, "invalid_token", "The payment token is not valid.", null),
        };
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken)
    {
        GatewayOutcome outcome = confirmation.GatewayReference switch
        {
            _ when confirmation.GatewayReference.StartsWith(ChallengePrefix, StringComparison.Ordinal) =>
                Charge(confirmation.GatewayReference, _challenges.TryGet(confirmation.GatewayReference, out var challenged) ? challenged : default),
            _ when IsCarrierBilling(confirmation.GatewayReference) => _carrier.Confirm(confirmation),
            _ => new GatewayOutcome.NotSupported("Only a 3-D Secure or carrier-billing payment can be confirmed."),
        };
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        GatewayOutcome outcome = gatewayReference switch
        {
            _ when IsCarrierBilling(gatewayReference) => _carrier.Lookup(gatewayReference),
            // Deterministic across restarts: a plain or timed-out charge always went through.
            _ when _charges.Contains(gatewayReference)
                || gatewayReference.StartsWith(ChargedPrefix, StringComparison.Ordinal)
                || gatewayReference.StartsWith(TimedOutPrefix, StringComparison.Ordinal) => new GatewayOutcome.Succeeded(gatewayReference),
            _ when gatewayReference.StartsWith(ChallengePrefix, StringComparison.Ordinal) =>
                new GatewayOutcome.RequiresAction(gatewayReference, new Uri(_challengeBase, gatewayReference)),
            _ when gatewayReference.StartsWith(DeclinedPrefix, StringComparison.Ordinal) =>
                new GatewayOutcome.Declined(gatewayReference, "card_declined", "The card was declined.", null),
            _ => new GatewayOutcome.Unknown(gatewayReference, "sandbox: no such payment"),
        };
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> CancelAsync(string gatewayReference, CancellationToken cancellationToken) =>
        Task.FromResult(IsCarrierBilling(gatewayReference)
            ? _carrier.Cancel(gatewayReference)
            : new GatewayOutcome.NotSupported("The Sandbox cancels only carrier-billing payments; its others lapse by themselves."));

    /// <summary>
    /// Refunds up to what is left of a charge. A charge whose amount the Sandbox no longer knows
    /// (a 3-D Secure payment started before a restart) may be refunded in any amount.
    /// </summary>
    public Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        var reference = RefundPrefix + ReferenceSuffix(refund.IdempotencyKey);
        lock (_refunds)
        {
            if (_refunds.ContainsKey(reference))
            {
                return Task.FromResult<RefundOutcome>(new RefundOutcome.Refunded(reference));
            }

            if (!_charges.TryGet(refund.GatewayReference, out var charged))
            {
                return Task.FromResult<RefundOutcome>(new RefundOutcome.Declined(
                    "payment_not_found", "The Sandbox has no successful payment with this reference.", null));
            }

            if (charged.Currency is not null && !RefundFits(refund, charged))
            {
                return Task.FromResult<RefundOutcome>(new RefundOutcome.Declined(
                    "refund_exceeds_payment", "The refund is larger than what is left of the payment.", null));
            }

            _refunds.Add(reference, (refund.GatewayReference, refund.Amount));
            return Task.FromResult<RefundOutcome>(new RefundOutcome.Refunded(reference));
        }
    }

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(SandboxWebhooks.Parse(delivery, _webhookSecret));

    public Task<SaveOutcome> SaveInstrumentAsync(InstrumentSaving saving, CancellationToken cancellationToken) =>
        Task.FromResult(SandboxSavedCards.Save(saving));

    /// <summary>The Sandbox holds no saved card: its credential is its token, so there is nothing to forget.</summary>
    public Task<DeleteOutcome> DeleteInstrumentAsync(StoredCredential credential, CancellationToken cancellationToken) =>
        Task.FromResult<DeleteOutcome>(new DeleteOutcome.Deleted());

    private bool RefundFits(GatewayRefund refund, Money charged)
    {
        if (refund.Amount.Currency != charged.Currency || refund.Amount.MinorUnits <= 0)
        {
            return false;
        }

        var refunded = _refunds.Values
            .Where(r => r.Payment == refund.GatewayReference)
            .Aggregate(Money.Zero(charged.Currency), (total, r) => total.Add(r.Amount));
        return refunded.Add(refund.Amount).CompareTo(charged) <= 0;
    }

    private GatewayOutcome.RequiresAction Challenge(string reference, Money amount)
    {
        _challenges.Record(reference, amount);
        return new GatewayOutcome.RequiresAction(reference, new Uri(_challengeBase, reference));
    }

    private GatewayOutcome.Succeeded Charge(string reference, Money amount)
    {
        _charges.Record(reference, amount);
        return new GatewayOutcome.Succeeded(reference);
    }

    private GatewayOutcome.Unknown TimedOut(string reference, Money amount)
    {
        _charges.Record(reference, amount);
        return new GatewayOutcome.Unknown(reference, "sandbox: gateway timed out");
    }

    private static bool IsCarrierBilling(string reference) =>
        reference.StartsWith(SandboxCarrierBilling.PreparedPrefix, StringComparison.Ordinal) || reference.StartsWith(SandboxCarrierBilling.SilentPrefix, StringComparison.Ordinal);

    internal static string ReferenceSuffix(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 12));
}
