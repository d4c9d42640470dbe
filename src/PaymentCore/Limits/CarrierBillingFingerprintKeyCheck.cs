using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Modes;

namespace PaymentCore.Limits;

/// <summary>
/// Carrier billing counts its caps per phone number under a keyed fingerprint
/// (<see cref="InstrumentFingerprints"/>); with the random per-process key every restart (and every
/// other replica) would forget what a number spent. In live mode, where the caps are regulation, a
/// configured operator therefore needs <c>Limits:FingerprintKey</c>; in test mode no money moves,
/// and an operator's test environment runs without one. Runs only where the operator's options are
/// validated, i.e. when its section is set.
/// </summary>
public sealed class CarrierBillingFingerprintKeyCheck(IOptions<LimitsOptions> limits, IOptions<ModeOptions> mode) : IValidateOptions<CarrierBillingOptions>
{
    public ValidateOptionsResult Validate(string? name, CarrierBillingOptions options) => LiveModeKey.Require(
        limits.Value.FingerprintKey is null, mode.Value, CarrierBillingOptions.Section, InstrumentFingerprints.KeyField, InstrumentFingerprints.MinKeyLength,
        "the phone numbers' limits are counted under fingerprints keyed with it");
}
