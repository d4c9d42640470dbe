namespace PaymentCore.Modes;

/// <summary>The deployment's mode, from the root key <c>Mode</c> (checked at startup by <see cref="ModeOptionsValidator"/>).</summary>
public sealed class ModeOptions
{
    /// <summary>As configured: "test" (the default) or "live".</summary>
    public string Configured { get; set; } = "test";

    public DeploymentMode Mode => DeploymentModes.Parse(Configured) ?? DeploymentMode.Test;

    /// <summary>True in live mode: the value every recharge, wallet event and audit entry carries.</summary>
    public bool Livemode => Mode == DeploymentMode.Live;
}
