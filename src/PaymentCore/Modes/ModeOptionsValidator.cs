using Microsoft.Extensions.Options;

namespace PaymentCore.Modes;

/// <summary>
/// Refuses a mode that is neither "test" nor "live", and the Sandbox in live mode: it pays with
/// tokens anyone can type, so a live deployment that enabled it would sell coins for no money.
/// Without <c>Gateways:Sandbox:Enabled</c> the Sandbox is simply off in live mode.
/// </summary>
public sealed class ModeOptionsValidator(IConfiguration configuration) : IValidateOptions<ModeOptions>
{
    public const string SandboxEnabledKey = "Gateways:Sandbox:Enabled";

    public ValidateOptionsResult Validate(string? name, ModeOptions options)
    {
        if (DeploymentModes.Parse(options.Configured) is null)
        {
            return ValidateOptionsResult.Fail($"{DeploymentModes.Key}: '{options.Configured}' is neither 'test' nor 'live'");
        }

        return options.Livemode && configuration.GetValue<bool?>(SandboxEnabledKey) == true
            ? ValidateOptionsResult.Fail($"{DeploymentModes.Key}: 'live' does not allow {SandboxEnabledKey}=true (the Sandbox pays with test tokens)")
            : ValidateOptionsResult.Success;
    }
}
