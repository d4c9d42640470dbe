using System.Collections.Concurrent;

namespace PaymentCore.Adapters.Sandbox;

/// <summary>
/// The Sandbox's stand-in for a mobile operator (carrier billing), so the whole code flow can be
/// walked without one: any E.164 number is prepared and "texted" the code
/// <see cref="SandboxCarrierNumbers.Code"/>, except the two numbers of <see cref="SandboxCarrierNumbers"/>.
/// Like an operator, it takes up to <see cref="CodeAttempts"/> codes before it cancels, and it knows
/// the number each of its payments billed (<paramref name="lines"/>), which a save reads back.
/// </summary>
internal sealed class SandboxCarrierBilling(TimeProvider time, SandboxLedger<Money> charges, SandboxLedger<Money> prepared, SandboxLedger<string> lines)
{
    public const string PreparedPrefix = "sbx_cb_";
    public const string SilentPrefix = "sbx_cbto_";

    private const int CodeAttempts = 3;
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Prepared payments given up on (cancelled, or too many wrong codes).</summary>
    private readonly ConcurrentDictionary<string, bool> _cancelled = new(StringComparer.Ordinal);

    public GatewayOutcome Charge(GatewayRequest request, CarrierBillingInstrument line, string suffix)
    {
        var reference = PreparedPrefix + suffix;
        if (PhoneNumbers.IsMasked(line.PhoneNumber))
        {
            // Asked again from a stored recharge: only the payment the first request prepared can be it,
            // and one still waiting for its code is given up, as an operator's is (its prompt is lost).
            return !prepared.Contains(reference)
                ? new GatewayOutcome.Declined(reference, "payment_not_found", "The mobile operator never received the payment. Nothing was charged.", null)
                : Cancel(reference) is GatewayOutcome.Declined
                    ? new GatewayOutcome.Declined(reference, "carrier_billing_interrupted", "The payment was interrupted before the code could be asked for. Nothing was charged; please try again.", null)
                    : Lookup(reference);
        }

        switch (line.PhoneNumber)
        {
            case SandboxCarrierNumbers.CapDeclined:
                return new GatewayOutcome.Declined(
                    null, "carrier_limit_exceeded", "The mobile operator's spending limit for this phone number is reached. Nothing was charged.",
                    "CARRIER_BILLING.USER_AMOUNT_THRESHOLD_OVERPASSED");
            case SandboxCarrierNumbers.NeverAnswers:
                return new GatewayOutcome.Unknown(SilentPrefix + suffix, "sandbox: the mobile operator never answered");
        }

        prepared.Record(reference, request.Amount);
        lines.Record(reference, line.PhoneNumber);
        return Lookup(reference) is GatewayOutcome.RequiresAction
            ? GatewayOutcome.RequiresAction.ForCode(
                reference, new CodePrompt(PhoneNumbers.Mask(line.PhoneNumber), CodeAttempts, time.GetUtcNow() + CodeLifetime, "sbx_auth_" + suffix))
            : Lookup(reference);
    }

    /// <summary>The user's code: <see cref="SandboxCarrierNumbers.Code"/> charges; a wrong one asks again with one attempt fewer, the last one cancels.</summary>
    public GatewayOutcome Confirm(GatewayConfirmation confirmation)
    {
        var reference = confirmation.GatewayReference;
        if (Lookup(reference) is not GatewayOutcome.RequiresAction || confirmation.Pending?.CodePrompt is not { } prompt)
        {
            return Lookup(reference);
        }

        switch (confirmation.Code)
        {
            case null or "":
                return confirmation.Pending;
            case SandboxCarrierNumbers.Code:
                charges.Record(reference, prepared.TryGet(reference, out var amount) ? amount : default);
                return new GatewayOutcome.Succeeded(reference);
            case not null when prompt.AttemptsLeft > 1:
                return GatewayOutcome.RequiresAction.ForCode(reference, prompt with { AttemptsLeft = prompt.AttemptsLeft - 1 });
            default:
                _cancelled[reference] = true;
                return new GatewayOutcome.Declined(reference, "otp_attempts_exceeded", "Too many wrong codes. Nothing was charged.", "CARRIER_BILLING.VALIDATION_FAILED");
        }
    }

    public GatewayOutcome Lookup(string reference) => reference switch
    {
        _ when reference.StartsWith(SilentPrefix, StringComparison.Ordinal) => new GatewayOutcome.Unknown(reference, "sandbox: the mobile operator never answers"),
        _ when charges.Contains(reference) => new GatewayOutcome.Succeeded(reference),
        _ when _cancelled.ContainsKey(reference) => new GatewayOutcome.Declined(reference, "payment_canceled", "The payment was cancelled. Nothing was charged.", "cancelled"),
        _ => new GatewayOutcome.RequiresAction(reference, CodePrompt.NoPage),
    };

    /// <summary>A payment's number to charge again, as an operator shows it: only once the payment was charged (its code typed).</summary>
    public SaveOutcome Save(InstrumentSaving saving) => charges.Contains(saving.GatewayReference) && lines.TryGet(saving.GatewayReference, out var phone)
        ? new SaveOutcome.Saved(new StoredCredential(null, phone), InstrumentDisplay.Phone(PhoneNumbers.Mask(phone)))
        : new SaveOutcome.NotSaved("The Sandbox's operator has no charged payment of that reference (never charged, or forgotten).");

    /// <summary>Releases a payment still waiting for its code; a charged one stays charged.</summary>
    public GatewayOutcome Cancel(string reference)
    {
        if (Lookup(reference) is GatewayOutcome.RequiresAction)
        {
            _cancelled[reference] = true;
        }

        return Lookup(reference);
    }
}
