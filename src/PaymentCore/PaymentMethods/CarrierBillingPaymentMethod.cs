using PaymentCore.Adapters;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.Sandbox;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// Direct carrier billing: the phone number (E.164) is the instrument. It is personal data, so the
/// recharge keeps it masked to its last two digits and the limits count it under a keyed fingerprint
/// (the recharge's instrument limit key). The clear number lives only in the request: it goes to the
/// operator with the prepare; every later step (validate, confirm, cancel, refund) names the payment by
/// the operator's id, which the operator answers with the number; a charge asked again from the stored
/// recharge (the reconciler) continues the payment our clientCorrelator names, never a new one.
/// A saved number (<see cref="CanBeSaved"/>) is kept sealed with the user's saved instruments and
/// unsealed only for a payment with it, which counts under the same keyed fingerprint.
/// </summary>
public sealed class CarrierBillingPaymentMethod : PaymentMethodEntry<CarrierBillingInstrument>
{
    private const string FingerprintPrefix = "phone:";

    public override PaymentMethodType Type => PaymentMethodType.CarrierBilling;
    public override string Name => "carrier_billing";
    public override V1.PaymentMethod.MethodOneofCase ProtoCase => V1.PaymentMethod.MethodOneofCase.CarrierBilling;
    public override V1.PaymentMethodType ProtoType => V1.PaymentMethodType.CarrierBilling;

    /// <summary>A real operator, and the Sandbox's stand-in for one in test mode.</summary>
    public override IReadOnlyList<string> Gateways { get; } = [CarrierBillingGateway.GatewayName, SandboxGateway.GatewayName];

    public override V1.PaymentMethod Example => new() { CarrierBilling = new V1.CarrierBillingMethod { PhoneNumber = "+4915112345678" } };

    public override bool InstrumentIsPersonalData => true;

    /// <summary>The verified number is saved sealed (<see cref="Recharges.SavedInstruments.CredentialSeal"/>); a repeat prepares a payment with it, so the operator asks the code again unless it waives it.</summary>
    public override bool CanBeSaved => true;

    protected override CarrierBillingInstrument? Read(V1.PaymentMethod method, IFieldViolations violations)
    {
        if (!PhoneNumbers.IsE164(method.CarrierBilling.PhoneNumber))
        {
            // Never echoes the value: it is personal data.
            violations.Add(FieldPath("phone_number"), "must be an E.164 phone number: '+' then 5-15 digits, the first not 0, e.g. +4930901820");
            return null;
        }

        return new CarrierBillingInstrument(method.CarrierBilling.PhoneNumber);
    }

    protected override RechargeInstrument Store(CarrierBillingInstrument instrument) => new(Type, PhoneNumbers.Mask(instrument.PhoneNumber));

    protected override CarrierBillingInstrument Load(RechargeInstrument stored) => new(stored.Token!);

    /// <summary>The number itself, keyed before it names a counter; a masked number (read back from a recharge) has none.</summary>
    protected override string? Fingerprint(string userId, CarrierBillingInstrument instrument) =>
        PhoneNumbers.IsE164(instrument.PhoneNumber) ? FingerprintPrefix + instrument.PhoneNumber : null;
}
