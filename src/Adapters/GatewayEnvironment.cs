namespace PaymentCore.Adapters;

/// <summary>
/// Which of a gateway's environments its configuration reaches: the test one (test keys, a sandbox
/// host: no real money moves) or the live one. PaymentCore refuses to start when this disagrees
/// with its own mode, so test money never becomes real coins and real money never lands in a test
/// deployment.
/// </summary>
/// <param name="Livemode">True for the gateway's live environment.</param>
/// <param name="Field">The configuration field that tells, relative to the gateway's section (e.g. "ApiKey").</param>
/// <param name="Evidence">What it holds, safe to print (a key's prefix, never the key; a host name).</param>
public sealed record GatewayEnvironment(bool Livemode, string Field, string Evidence)
{
    /// <summary>
    /// The environment an API base points at, for gateways that tell test from live by host: null
    /// for any other host (a loopback stand-in, a proxy), which proves neither.
    /// </summary>
    /// <param name="field">The option holding the base, e.g. "ApiBase".</param>
    /// <param name="sandboxHosts">The gateway's test hosts, e.g. "api-m.sandbox.paypal.com".</param>
    /// <param name="liveHosts">The gateway's live hosts.</param>
    public static GatewayEnvironment? OfApiBase(Uri? apiBase, string field, IReadOnlyCollection<string> sandboxHosts, IReadOnlyCollection<string> liveHosts)
    {
        var host = apiBase?.IsAbsoluteUri == true ? apiBase.Host : null;
        return host switch
        {
            null => null,
            _ when sandboxHosts.Contains(host, StringComparer.OrdinalIgnoreCase) => new GatewayEnvironment(false, field, host),
            _ when liveHosts.Contains(host, StringComparer.OrdinalIgnoreCase) => new GatewayEnvironment(true, field, host),
            _ => null,
        };
    }
}

/// <summary>
/// Implemented by the options of every gateway that has a test and a live environment: each
/// declares how its own configuration tells them apart (a key prefix, a sandbox host).
/// </summary>
public interface IDeclaresGatewayEnvironment
{
    /// <summary>The environment the configured credentials or API base reach; null when nothing configured tells.</summary>
    GatewayEnvironment? Environment { get; }
}
