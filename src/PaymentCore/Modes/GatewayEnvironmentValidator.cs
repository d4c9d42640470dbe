using Microsoft.Extensions.Options;
using PaymentCore.Adapters;

namespace PaymentCore.Modes;

/// <summary>
/// Refuses a gateway whose configuration reaches the other mode's environment (each gateway's
/// options declare how they tell, <see cref="IDeclaresGatewayEnvironment"/>): a test key or a
/// sandbox host in live mode would credit coins for test money; a live key in test mode would
/// charge real money from a deployment that is not meant to.
/// Options of a gateway that declares nothing pass.
/// </summary>
/// <param name="section">The gateway's section, e.g. "Gateways:Stripe", to name the key.</param>
public sealed class GatewayEnvironmentValidator<TOptions>(string section, IOptions<ModeOptions> mode) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var own = mode.Value.Mode;
        return options is IDeclaresGatewayEnvironment { Environment: { } environment } && environment.Livemode != (own == DeploymentMode.Live)
            ? ValidateOptionsResult.Fail(
                $"{DeploymentModes.Key}: '{own.Name()}' does not allow {section}:{environment.Field}={environment.Evidence} "
                + $"(it reaches the gateway's {(environment.Livemode ? "live" : "test")} environment)")
            : ValidateOptionsResult.Success;
    }
}
