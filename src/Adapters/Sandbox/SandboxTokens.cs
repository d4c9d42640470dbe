namespace PaymentCore.Adapters.Sandbox;

/// <summary>The fixed Sandbox tokens of DESIGN.md; each picks one outcome deterministically.</summary>
public static class SandboxTokens
{
    public const string Ok = "sandbox_ok";
    public const string DeclineCardDeclined = "sandbox_decline_card_declined";
    public const string DeclineInsufficientFunds = "sandbox_decline_insufficient_funds";
    public const string ThreeDSecure = "sandbox_3ds";
    public const string Timeout = "sandbox_timeout";
    public const string Unavailable = "sandbox_unavailable";

    /// <summary>A Pix-like QR code (REQUIRES_ACTION, DISPLAY_QR_CODE) that lives <see cref="SandboxGateway.PayableLifetime"/>:
    /// ConfirmRecharge before then plays the payer paying it; after it the recharge fails action_expired.</summary>
    public const string Pix = "sandbox_pix";

    /// <summary>A Konbini-like store voucher (REQUIRES_ACTION, DISPLAY_VOUCHER), paid and expiring like <see cref="Pix"/>.</summary>
    public const string Konbini = "sandbox_konbini";

    /// <summary>
    /// An OVO-like push to a wallet app (REQUIRES_ACTION, APPROVE_IN_APP, to the masked
    /// <see cref="SandboxGateway.OvoPhoneNumber"/>), approved and expiring like <see cref="Pix"/>.
    /// </summary>
    public const string Ovo = "sandbox_ovo";

    /// <summary>A bank debit (PROCESSING, no next action) that a later lookup finds collected: the reconciler credits it.</summary>
    public const string SepaDebit = "sandbox_sepa_debit";

    /// <summary>A bank debit (PROCESSING) that a later lookup finds refused for insufficient funds: the reconciler fails it.</summary>
    public const string SepaDebitInsufficientFunds = "sandbox_sepa_debit_insufficient_funds";

    /// <summary>Pays like <see cref="Ok"/>; once saved, every charge of it asks for 3-D Secure again (REQUIRES_ACTION, then ConfirmRecharge).</summary>
    public const string ThreeDSecureOnRepeat = "sandbox_3ds_on_repeat";

    /// <summary>Pays like <see cref="Ok"/>; once saved, its charges decline as an expired card, which makes the saved instrument unusable.</summary>
    public const string ExpiredOnRepeat = "sandbox_expired_on_repeat";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Ok, DeclineCardDeclined, DeclineInsufficientFunds, ThreeDSecure, Timeout, Unavailable,
        Pix, SepaDebit, SepaDebitInsufficientFunds, Konbini, Ovo,
        ThreeDSecureOnRepeat, ExpiredOnRepeat,
    };
}

/// <summary>
/// The Sandbox's carrier billing (docs/carrier-billing.md): any E.164 number is texted the code
/// <see cref="Code"/>, but for two numbers of a fictitious German range.
/// </summary>
public static class SandboxCarrierNumbers
{
    /// <summary>The one code that validates a Sandbox carrier payment.</summary>
    public const string Code = "123456";

    /// <summary>Refused by the "operator" for its spending cap: FAILED carrier_limit_exceeded.</summary>
    public const string CapDeclined = "+4915100000050";

    /// <summary>The "operator" never answers: UNKNOWN, and every lookup stays unknown.</summary>
    public const string NeverAnswers = "+4915100000408";
}
