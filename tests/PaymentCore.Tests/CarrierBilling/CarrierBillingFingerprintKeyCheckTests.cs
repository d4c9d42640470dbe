using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Limits;
using PaymentCore.Modes;

namespace PaymentCore.Tests.CarrierBilling;

/// <summary>
/// The phone numbers' caps are counted under a keyed fingerprint: live mode needs the key set (a
/// per-process key would forget a number's 30 days at every restart); test mode runs without it.
/// </summary>
public sealed class CarrierBillingFingerprintKeyCheckTests
{
    private const string Key = "fingerprint-key-0123456789abcdef0123";

    [Theory]
    [InlineData("live", null, false)]
    [InlineData("live", Key, true)]
    [InlineData("test", null, true)]
    [InlineData("test", Key, true)]
    public void AnOperatorIsRefusedWithoutTheKey_OnlyInLiveMode(string mode, string? key, bool accepted)
    {
        var check = new CarrierBillingFingerprintKeyCheck(
            Options.Create(new LimitsOptions { FingerprintKey = key }), Options.Create(new ModeOptions { Configured = mode }));

        var result = check.Validate(null, new CarrierBillingOptions());

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains("needs Limits:FingerprintKey in live mode", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
