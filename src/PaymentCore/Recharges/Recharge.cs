using System.Text.Json.Serialization;
using PaymentCore.Adapters;
using PaymentCore.PaymentMethods;
using PaymentCore.Routing;

namespace PaymentCore.Recharges;

/// <summary>
/// One purchase of coins. Immutable: every change is a new value made by
/// <see cref="RechargeStateMachine"/>, and <see cref="Version"/> lets the store refuse a
/// change made from a stale copy.
/// </summary>
public sealed record Recharge
{
    public required string RechargeId { get; init; }
    public required string UserId { get; init; }
    public required string RegionCode { get; init; }

    /// <summary>
    /// True when a live-mode deployment made the recharge (real money), false in test mode. Set once
    /// at creation from the deployment's mode; every coin movement, audit entry and ledger row of the
    /// recharge carries it, so test money is never mistaken for real money.
    /// </summary>
    public required bool Livemode { get; init; }
    public required RechargeStatus Status { get; init; }
    public required Money Amount { get; init; }
    public required long Coins { get; init; }
    public required long BonusCoins { get; init; }
    public string? PackageId { get; init; }

    /// <summary>The promotions that shaped the price or bonus.</summary>
    public IReadOnlyList<string> PromotionIds { get; init; } = [];

    /// <summary>The promotions whose redemption the recharge holds, so a failed payment can give them back.</summary>
    public IReadOnlyList<string> RedeemedPromotionIds { get; init; } = [];

    /// <summary>The gateway chosen for the payment; recorded before it is called.</summary>
    public required string Gateway { get; init; }

    /// <summary>The region's other gateways for the method, each with why it was not used (routing, failover).</summary>
    public IReadOnlyList<PassedGateway> GatewaysPassedOver { get; init; } = [];

    public required PaymentMethodType MethodType { get; init; }

    /// <summary>The gateway's id of the payment, once it gave one.</summary>
    public string? GatewayReference { get; init; }

    public RechargeFailure? Failure { get; init; }

    /// <summary>Refunds, oldest first, the refused ones included.</summary>
    public IReadOnlyList<RechargeRefund> Refunds { get; init; } = [];

    /// <summary>A refund asked of the gateway whose answer is not recorded yet; at most one at a time.</summary>
    public RechargeRefund? PendingRefund { get; init; }

    /// <summary>What the fraud rules decided about the payment.</summary>
    public RiskDecision? Risk { get; init; }
    public RechargeNextAction? NextAction { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The instrument, as gateway tokens, so a lost answer can be asked for again.</summary>
    public RechargeInstrument? Instrument { get; init; }

    /// <summary>The consent text version the user agreed to for keeping the instrument once this recharge succeeds; null when not asked.</summary>
    public string? SaveConsentVersion { get; init; }

    /// <summary>The saved instrument this recharge pays with; <see cref="Instrument"/> is then the instrument it was saved from.</summary>
    public string? SavedInstrumentId { get; init; }

    /// <summary>The gateway's references of <see cref="SavedInstrumentId"/>, so a lost answer can be asked for again.</summary>
    public StoredCredential? SavedCredential { get; init; }

    /// <summary>The idempotency claim of the step in flight, so whoever finishes it (the reconciler too) saves the response.</summary>
    public IdempotencyClaim? InFlightClaim { get; init; }

    /// <summary>The limit keys the attempt was counted on, so a failed payment can give its amount back.</summary>
    public IReadOnlyList<string> LimitKeys { get; init; } = [];

    /// <summary>The amount in reference minor units, as counted by the limits.</summary>
    public long AmountReference { get; init; }

    /// <summary>Incremented by every stored change; the store's compare-and-set token.</summary>
    public long Version { get; init; }

    [JsonIgnore]
    public long TotalCoins => checked(Coins + BonusCoins);

    [JsonIgnore]
    public Money RefundedAmount => Refunds.Where(r => r.Succeeded).Aggregate(Money.Zero(Amount.Currency), (sum, r) => sum.Add(r.Amount));

    [JsonIgnore]
    public long DebitedCoins => Refunds.Where(r => r.Succeeded).Sum(r => r.Coins);

    /// <summary>
    /// Coins to debit when <paramref name="refund"/> is given back: the cumulative share of coins
    /// for the cumulative share of money, rounded half up, minus what was debited before, so
    /// partial refunds add up to exactly the coins credited when everything is refunded.
    /// </summary>
    public long CoinsFor(Money refund)
    {
        var refundedAfter = (Int128)RefundedAmount.Add(refund).MinorUnits;
        var debitedAfter = ((refundedAfter * TotalCoins * 2) + Amount.MinorUnits) / (Amount.MinorUnits * 2);
        return checked((long)debitedAfter - DebitedCoins);
    }
}

/// <summary>Why a recharge failed: our stable code, a user-safe message and the gateway's code.</summary>
public sealed record RechargeFailure(string Code, string Message, string? GatewayCode)
{
    // The failures PaymentCore decides itself; every other code is a gateway's answer about the payment.
    public const string RiskBlocked = "risk_blocked";

    /// <summary>The payer did not complete the next action in time (we stopped waiting, or the gateway let it lapse).</summary>
    public const string ActionExpired = "action_expired";

    /// <summary>The gateway's word for a payment cancelled before it was paid (by us, or by the payer).</summary>
    public const string PaymentCanceled = "payment_canceled";
    public const string GatewayUnavailable = "gateway_unavailable";
    public const string PaymentMethodNotSupported = "payment_method_not_supported";

    /// <summary>
    /// True when the gateway declined the payment (its own checks or the issuer's, told by its answer,
    /// a webhook or a status lookup); false when PaymentCore failed it without a gateway's verdict.
    /// </summary>
    [JsonIgnore]
    public bool IsGatewayDecline => Code is not (RiskBlocked or ActionExpired or GatewayUnavailable or PaymentMethodNotSupported);

    [JsonIgnore]
    public bool IsActionExpired => Code == ActionExpired;
}

/// <summary>
/// Where the user must go before ConfirmRecharge, or the QR code they scan with a wallet or bank app
/// (then <paramref name="RedirectUrl"/> shows it, when the gateway hosts such a page), or the voucher
/// they pay at a store, or the code they must type (carrier billing's SMS code), or the account they
/// transfer the amount to, or the wallet app on their phone they approve a pushed payment in.
/// </summary>
/// <param name="ExpiresAt">When the action stops being possible, if the gateway said (a Pix code); the
/// recharge waits for the payer until then, instead of the reconciler's default patience.</param>
/// <param name="Voucher">A voucher the payer pays at a store (Konbini); then <paramref name="RedirectUrl"/> shows it.</param>
/// <param name="CodePrompt">The code prompt, kept with the recharge because the gateway needs it back with
/// the code (its challenge, the attempts left); its destination is masked. Absent from the JSON of every other action.</param>
/// <param name="BankTransfer">Where to transfer and how much (a virtual account). Absent from the JSON of every other action.</param>
/// <param name="AppApproval">The wallet app the payment was pushed to and its masked phone number (OVO). Absent from the JSON of every other action.</param>
public sealed record RechargeNextAction(
    Uri? RedirectUrl,
    QrCode? QrCode = null,
    DateTimeOffset? ExpiresAt = null,
    StoreVoucher? Voucher = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CodePrompt? CodePrompt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BankTransfer? BankTransfer = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AppApproval? AppApproval = null)
{
    /// <summary>The action as the gateway gave it, to hand back with the user's answer (<see cref="GatewayConfirmation.Pending"/>).</summary>
    public GatewayOutcome.RequiresAction AsGatewayAnswer(string gatewayReference) =>
        new(gatewayReference, RedirectUrl, QrCode, ExpiresAt, Voucher, CodePrompt, BankTransfer, AppApproval);
}
