using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;

namespace PaymentCore.Limits;

/// <summary>
/// Carrier billing counts its caps per phone number under a keyed fingerprint
/// (<see cref="InstrumentFingerprints"/>); with the random per-process key every restart would
/// forget what a number spent, so a configured operator needs <c>Limits:FingerprintKey</c>. Runs
/// only where the operator's options are validated, i.e. when its section is set.
/// </summary>
public sealed class CarrierBillingFingerprintKeyCheck(IOptions<LimitsOptions> limits) : IValidateOptions<CarrierBillingOptions>
{
    public ValidateOptionsResult Validate(string? name, CarrierBillingOptions options) => limits.Value.FingerprintKey is null
        ? ValidateOptionsResult.Fail(
            $"{CarrierBillingOptions.Section}: needs {InstrumentFingerprints.KeyField} (at least {InstrumentFingerprints.MinKeyLength} characters, "
            + "the same on every replica): the phone numbers' limits are counted under fingerprints keyed with it")
        : ValidateOptionsResult.Success;
}
