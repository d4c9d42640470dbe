using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Modes;
using PaymentCore.Recharges.SavedInstruments;

namespace PaymentCore.Tests.SavedInstruments;

/// <summary>
/// A saved phone number is sealed with AES-GCM to its user and instrument: it opens only there and
/// only under the key it was sealed with, reads as nothing like the number, and live mode with an
/// operator refuses to start without the key.
/// </summary>
public sealed class CredentialSealTests
{
    private const string Key = "sealing-key-0123456789abcdef0123456789";
    private const string Phone = "+4915112345678";

    [Fact]
    public void Sealed_OpensForItsUserAndInstrumentOnly_AndShowsNoDigitOfTheNumber()
    {
        var seal = Seal(Key);

        var sealedPhone = seal.Seal(Phone, "user-1", "si_1");

        Assert.StartsWith("sealed:v1:", sealedPhone, StringComparison.Ordinal);
        Assert.DoesNotContain("15112345678", sealedPhone, StringComparison.Ordinal);
        Assert.Equal(Phone, seal.Open(sealedPhone, "user-1", "si_1"));
        Assert.Null(seal.Open(sealedPhone, "user-2", "si_1"));
        Assert.Null(seal.Open(sealedPhone, "user-1", "si_2"));
    }

    [Fact]
    public void SealedTwice_DiffersEachTime_BothOpen()
    {
        var seal = Seal(Key);

        var first = seal.Seal(Phone, "user-1", "si_1");
        var second = seal.Seal(Phone, "user-1", "si_1");

        Assert.NotEqual(first, second);
        Assert.Equal((Phone, Phone), (seal.Open(first, "user-1", "si_1"), seal.Open(second, "user-1", "si_1")));
    }

    [Fact]
    public void UnderAnotherKey_OrTampered_OrNotSealed_DoesNotOpen()
    {
        var sealedPhone = Seal(Key).Seal(Phone, "user-1", "si_1");
        var tampered = sealedPhone[..^2] + (sealedPhone[^2] == 'A' ? "B" : "A") + sealedPhone[^1];

        Assert.Null(Seal("another-sealing-key-0123456789abcdef").Open(sealedPhone, "user-1", "si_1"));
        Assert.Null(Seal(null).Open(sealedPhone, "user-1", "si_1"));
        Assert.Null(Seal(Key).Open(tampered, "user-1", "si_1"));
        Assert.Null(Seal(Key).Open(Phone, "user-1", "si_1"));
        Assert.Null(Seal(Key).Open("sealed:v1:!!", "user-1", "si_1"));
    }

    [Fact]
    public void AShortKey_IsRefusedNamingTheField()
    {
        var result = new SavedInstrumentsOptionsValidation().Validate(null, new SavedInstrumentsOptions { SealingKey = "short" });

        Assert.Equal("SavedInstruments:SealingKey: must be at least 32 characters", result.FailureMessage);
    }

    [Theory]
    [InlineData("live", null, false)]
    [InlineData("live", Key, true)]
    [InlineData("test", null, true)]
    public void AnOperatorIsRefusedWithoutTheKey_OnlyInLiveMode(string mode, string? key, bool accepted)
    {
        var check = new CarrierBillingSealingKeyCheck(
            Options.Create(new SavedInstrumentsOptions { SealingKey = key }), Options.Create(new ModeOptions { Configured = mode }));

        var result = check.Validate(null, new CarrierBillingOptions());

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.StartsWith("Gateways:CarrierBilling: needs SavedInstruments:SealingKey in live mode", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private static CredentialSeal Seal(string? key) => new(Options.Create(new SavedInstrumentsOptions { SealingKey = key }));
}
