using Microsoft.Extensions.Options;

namespace PaymentCore.Modes;

/// <summary>
/// A key that live mode cannot run without: with the random per-process default, every restart (and
/// every other replica) would lose what was kept under it.
/// </summary>
public static class LiveModeKey
{
    /// <param name="missing">Whether the key is not configured.</param>
    /// <param name="mode">The deployment mode.</param>
    /// <param name="section">The section that needs the key, named in the refusal.</param>
    /// <param name="key">The key's configuration path.</param>
    /// <param name="minLength">Its least length, named in the refusal.</param>
    /// <param name="why">What is kept under it.</param>
    public static ValidateOptionsResult Require(bool missing, ModeOptions mode, string section, string key, int minLength, string why) =>
        missing && mode.Livemode
            ? ValidateOptionsResult.Fail($"{section}: needs {key} in live mode (at least {minLength} characters, the same on every replica): {why}")
            : ValidateOptionsResult.Success;
}
