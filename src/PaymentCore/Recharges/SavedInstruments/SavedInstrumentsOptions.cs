using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Modes;

namespace PaymentCore.Recharges.SavedInstruments;

/// <summary>Section "SavedInstruments": how saved payment instruments are kept.</summary>
public sealed class SavedInstrumentsOptions
{
    public const string Section = "SavedInstruments";
    public const string SealingKeyField = Section + ":SealingKey";
    public const int MinSealingKeyLength = 32;
    public const int MostPerUser = 100;

    /// <summary>
    /// The key, at least 32 characters, that seals (AES-256-GCM) the credentials which are personal
    /// data, a carrier-billing phone number, before they are stored; every replica sharing a store
    /// needs the same one. Unset: a random key per process, so a restart leaves such instruments
    /// unusable (<see cref="CredentialSeal.KeyChanged"/>); required with a carrier in live mode.
    /// </summary>
    public string? SealingKey { get; set; }

    /// <summary>
    /// The most instruments one user may keep saved (1-100). A purchase asking to save one more is
    /// refused before it is charged (FAILED_PRECONDITION / SAVED_INSTRUMENTS_LIMIT_REACHED); none is
    /// ever replaced behind the user's back.
    /// </summary>
    public int MaxPerUser { get; set; } = 10;
}

/// <summary>A bad "SavedInstruments" section stops startup naming the field.</summary>
public sealed class SavedInstrumentsOptionsValidation : IValidateOptions<SavedInstrumentsOptions>
{
    public ValidateOptionsResult Validate(string? name, SavedInstrumentsOptions options)
    {
        var problems = new List<string>();
        if (options.SealingKey is { Length: < SavedInstrumentsOptions.MinSealingKeyLength })
        {
            problems.Add($"{SavedInstrumentsOptions.SealingKeyField}: must be at least {SavedInstrumentsOptions.MinSealingKeyLength} characters");
        }

        if (options.MaxPerUser is < 1 or > SavedInstrumentsOptions.MostPerUser)
        {
            problems.Add($"{SavedInstrumentsOptions.Section}:MaxPerUser: must be between 1 and {SavedInstrumentsOptions.MostPerUser}, not {options.MaxPerUser}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>
/// A saved phone number is sealed under <c>SavedInstruments:SealingKey</c>; with the random
/// per-process key every restart (and every other replica) could no longer open it. In live mode a
/// configured operator therefore needs the key; in test mode the instruments simply become unusable
/// after a restart. Runs only where the operator's options are validated, i.e. when its section is set.
/// </summary>
public sealed class CarrierBillingSealingKeyCheck(IOptions<SavedInstrumentsOptions> saved, IOptions<ModeOptions> mode) : IValidateOptions<CarrierBillingOptions>
{
    public ValidateOptionsResult Validate(string? name, CarrierBillingOptions options) => LiveModeKey.Require(
        saved.Value.SealingKey is null, mode.Value, CarrierBillingOptions.Section, SavedInstrumentsOptions.SealingKeyField, SavedInstrumentsOptions.MinSealingKeyLength,
        "saved phone numbers are kept sealed with it");
}
