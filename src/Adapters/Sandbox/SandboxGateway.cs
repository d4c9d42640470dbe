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
    private const string VirtualAccountPrefix = "sbx_va_";

    // What the payer pays later, a QR code or a store voucher: the reference carries its expiry
    // ("sbx_pix_<unix seconds>_<suffix>"), so a lookup after a restart still knows it.
    private const string PixPrefix = "sbx_pix_";
    private const string KonbiniPrefix = "sbx_kb_";
    private const string OvoPrefix = "sbx_ovo_";

    /// <summary>The fictitious phone number a <see cref="SandboxTokens.Ovo"/> push goes to (shown masked, as a real one would be).</summary>
    public const string OvoPhoneNumber = "+6281200000090";

    // Debits the bank is collecting: the first collects, the second bounces.
    private const string DebitPrefix = "sbx_dd_";
    private const string BouncingDebitPrefix = "sbx_ddx_";

    /// <summary>How long a <see cref="SandboxTokens.Pix"/> code or a <see cref="SandboxTokens.Konbini"/> voucher can be paid.</summary>
    public static readonly TimeSpan PayableLifetime = TimeSpan.FromMinutes(2);

    public const int DefaultLedgerCapacity = 10_000;

    private readonly SandboxLedger<Money> _charges;
    private readonly SandboxLedger<Money> _challenges;
    private readonly Dictionary<string, (string Payment, Money Amount)> _refunds = new(StringComparer.Ordinal);
    private readonly Uri _challengeBase;

    private readonly string? _webhookSecret;
    private readonly SandboxCarrierBilling _carrier;
    private readonly TimeProvider _time;

    /// <param name="challengeBase">Where the 3-D Secure challenge pages of the Sandbox live.</param>
    /// <param name="webhookSecret">Signing secret of <see cref="SandboxWebhooks"/>; without it no webhook is authentic.</param>
    /// <param name="ledgerCapacity">How many charges (and, apart, 3-D Secure challenges and prepared carrier payments) the Sandbox remembers.</param>
    /// <param name="time">The clock QR codes, vouchers and carrier-billing codes expire by.</param>
    public SandboxGateway(Uri? challengeBase = null, string? webhookSecret = null, int ledgerCapacity = DefaultLedgerCapacity, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(ledgerCapacity, 1);
        _charges = new SandboxLedger<Money>(ledgerCapacity);
        _challenges = new SandboxLedger<Money>(ledgerCapacity);
        _challengeBase = challengeBase ?? new Uri("https://sandbox.paymentcore.invalid/3ds/");
        _webhookSecret = webhookSecret;
        _carrier = new SandboxCarrierBilling(_time, _charges, new SandboxLedger<Money>(ledgerCapacity), new SandboxLedger<string>(ledgerCapacity));
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType> { PaymentMethodType.Sandbox, PaymentMethodType.CarrierBilling, PaymentMethodType.VirtualAccount },
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

        if (request.Instrument is VirtualAccountInstrument account)
        {
            return Task.FromResult<GatewayOutcome>(OpenVirtualAccount($"{VirtualAccountPrefix}{account.Bank}_{suffix}", request.Amount));
        }

        if (request.Instrument is not SandboxInstrument sandbox)
        {
            return Task.FromResult<GatewayOutcome>(new GatewayOutcome.NotSupported("The Sandbox only takes sandbox tokens, phone numbers and virtual accounts."));
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
            SandboxTokens.SepaDebit => Debit(DebitPrefix + suffix, request.Amount),
            SandboxTokens.SepaDebitInsufficientFunds => new GatewayOutcome.Processing(BouncingDebitPrefix + suffix),
            SandboxTokens.Pix => Payable(PixPrefix, suffix, request.Amount),
            SandboxTokens.Konbini => Payable(KonbiniPrefix, suffix, request.Amount),
            SandboxTokens.Ovo => Payable(OvoPrefix, suffix, request.Amount),
            SandboxTokens.ExpiredOnRepeat => new GatewayOutcome.Declined(
                DeclinedPrefix + suffix, InstrumentDeclines.Expired, "The saved card has expired.", "expired_card"),
            _ => new GatewayOutcome.Declined(null, "invalid_token", "The payment token is not valid.", null),
        };
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken)
    {
        var reference = confirmation.GatewayReference;
        GatewayOutcome outcome = reference switch
        {
            // Confirming a virtual account stands for the payer's transfer arriving.
            _ when reference.StartsWith(ChallengePrefix, StringComparison.Ordinal)
                || reference.StartsWith(VirtualAccountPrefix, StringComparison.Ordinal) =>
                Charge(reference, _challenges.TryGet(reference, out var challenged) ? challenged : default),
            _ when IsCarrierBilling(reference) => _carrier.Confirm(confirmation),
            // The Sandbox's payer pays the code or voucher the moment the caller confirms, while it is still valid.
            _ when IsPayable(reference) => PayableExpiry(reference) > _time.GetUtcNow()
                ? Charge(reference, _challenges.TryGet(reference, out var owed) ? owed : default)
                : PayableExpired(reference),
            _ => new GatewayOutcome.NotSupported("Only a 3-D Secure, carrier-billing or virtual-account payment, a QR code or a voucher can be confirmed."),
        };
        return Task.FromResult(outcome);
    }

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken)
    {
        GatewayOutcome outcome = gatewayReference switch
        {
            _ when IsCarrierBilling(gatewayReference) => _carrier.Lookup(gatewayReference),
            // Deterministic across restarts: a plain or timed-out charge always went through, and so
            // did a debit by the time anyone asks (the Sandbox's bank is quick).
            _ when _charges.Contains(gatewayReference)
                || gatewayReference.StartsWith(ChargedPrefix, StringComparison.Ordinal)
                || gatewayReference.StartsWith(TimedOutPrefix, StringComparison.Ordinal)
                || gatewayReference.StartsWith(DebitPrefix, StringComparison.Ordinal) => new GatewayOutcome.Succeeded(gatewayReference),
            _ when gatewayReference.StartsWith(BouncingDebitPrefix, StringComparison.Ordinal) =>
                new GatewayOutcome.Declined(gatewayReference, "insufficient_funds", "The bank account has insufficient funds.", "insufficient_funds"),
            _ when gatewayReference.StartsWith(ChallengePrefix, StringComparison.Ordinal) =>
                new GatewayOutcome.RequiresAction(gatewayReference, new Uri(_challengeBase, gatewayReference)),
            _ when IsPayable(gatewayReference) => PayableExpiry(gatewayReference) > _time.GetUtcNow()
                ? PayableAction(gatewayReference)
                : PayableExpired(gatewayReference),
            // Still waiting for the transfer; a restart forgot the amount, which only ConfirmRecharge needs.
            _ when gatewayReference.StartsWith(VirtualAccountPrefix, StringComparison.Ordinal) && _challenges.TryGet(gatewayReference, out var transferOwed) =>
                VirtualAccount(gatewayReference, transferOwed),
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
        Task.FromResult(IsCarrierBilling(saving.GatewayReference) ? _carrier.Save(saving) : SandboxSavedCards.Save(saving));

    /// <summary>The Sandbox holds no saved card or phone number: the credential is the token or the number itself, so there is nothing to forget.</summary>
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

    /// <summary>A debit taken for collection; recorded as a charge, since a lookup will find it collected.</summary>
    private GatewayOutcome.Processing Debit(string reference, Money amount)
    {
        _charges.Record(reference, amount);
        return new GatewayOutcome.Processing(reference);
    }

    private GatewayOutcome.RequiresAction Payable(string prefix, string suffix, Money amount)
    {
        var reference = $"{prefix}{(_time.GetUtcNow() + PayableLifetime).ToUnixTimeSeconds()}_{suffix}";
        _challenges.Record(reference, amount);
        return PayableAction(reference);
    }

    private static bool IsPayable(string reference) =>
        reference.StartsWith(PixPrefix, StringComparison.Ordinal) || reference.StartsWith(KonbiniPrefix, StringComparison.Ordinal)
        || reference.StartsWith(OvoPrefix, StringComparison.Ordinal);

    /// <summary>What to pay: a QR code, a push to approve in the wallet app, or a voucher with a confirmation number per store, under the Sandbox's pages, with its expiry.</summary>
    private GatewayOutcome.RequiresAction PayableAction(string reference)
    {
        var page = new Uri(_challengeBase, reference);
        if (reference.StartsWith(PixPrefix, StringComparison.Ordinal))
        {
            return new GatewayOutcome.RequiresAction(
                reference, page, new QrCode("sandbox-pix:" + reference, new Uri(page + ".png"), new Uri(page + ".svg")), PayableExpiry(reference));
        }

        if (reference.StartsWith(OvoPrefix, StringComparison.Ordinal))
        {
            return new GatewayOutcome.RequiresAction(
                reference, RedirectUrl: null, ExpiresAt: PayableExpiry(reference), AppApproval: new AppApproval(EwalletWallets.Ovo, PhoneNumbers.Mask(OvoPhoneNumber)));
        }

        var number = (Convert.ToUInt64(reference[^12..], 16) % 100_000_000_000).ToString("D11", System.Globalization.CultureInfo.InvariantCulture);
        return new GatewayOutcome.RequiresAction(
            reference, page, ExpiresAt: PayableExpiry(reference), Voucher: new StoreVoucher(page, [new("familymart", number, null), new("lawson", number, number[^6..])]));
    }

    private static GatewayOutcome.Declined PayableExpired(string reference) =>
        new(reference, "action_expired", "The payment was not completed in time.", "sandbox_expired");

    private static DateTimeOffset PayableExpiry(string reference)
    {
        var start = reference.IndexOf('_', "sbx_".Length) + 1;
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(reference.AsSpan(start, reference.IndexOf('_', start) - start), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A virtual account waiting for the transfer: the reference names its bank, its number is derived from the reference.</summary>
    private GatewayOutcome.RequiresAction OpenVirtualAccount(string reference, Money amount)
    {
        _challenges.Record(reference, amount);
        return VirtualAccount(reference, amount);
    }

    private static GatewayOutcome.RequiresAction VirtualAccount(string reference, Money amount)
    {
        var bankAndSuffix = reference[VirtualAccountPrefix.Length..].Split('_', 2);
        var number = "8808" + string.Concat(bankAndSuffix[^1].Take(12).Select(c => (char)('0' + (Convert.ToInt32(c.ToString(), 16) % 10))));
        return new GatewayOutcome.RequiresAction(reference, RedirectUrl: null, BankTransfer: new BankTransfer(bankAndSuffix[0], number, amount, ExpiresAt: null));
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
