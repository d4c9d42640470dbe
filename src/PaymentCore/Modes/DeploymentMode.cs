namespace PaymentCore.Modes;

/// <summary>
/// Whether a deployment moves real money. Like Stripe's test and live modes, the two never mix:
/// test credentials and the Sandbox only in test mode, live credentials only in live mode, and every
/// recharge, wallet event, audit entry and voucher says which mode it belongs to.
/// </summary>
public enum DeploymentMode
{
    Test,
    Live,
}

public static class DeploymentModes
{
    /// <summary>The configuration key: "test" (the default) or "live".</summary>
    public const string Key = "Mode";

    public static string Name(this DeploymentMode mode) => mode == DeploymentMode.Live ? "live" : "test";

    /// <summary>"test" or "live", case-insensitive; null for anything else.</summary>
    public static DeploymentMode? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "test" => DeploymentMode.Test,
        "live" => DeploymentMode.Live,
        _ => null,
    };

    /// <summary>
    /// The mode while services are registered (which gateways and catalog entries exist depends on
    /// it). An unreadable value counts as test here, which offers nothing live; <see
    /// cref="ModeOptionsValidator"/> then refuses to start.
    /// </summary>
    public static DeploymentMode Of(IConfiguration configuration) =>
        Parse(configuration[Key] ?? "test") ?? DeploymentMode.Test;
}
