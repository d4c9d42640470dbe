using PaymentCore.Adapters;

namespace PaymentCore.Routing;

/// <summary>
/// The gateways a payment may be sent to, in the region's order, and the other gateways of the
/// region's list, each with why it cannot be used now: what a recharge records about its routing.
/// </summary>
public sealed record GatewayRoute(IReadOnlyList<IPaymentGateway> Gateways, IReadOnlyList<PassedGateway> PassedOver)
{
    public static GatewayRoute None { get; } = new([], []);
}

/// <summary>A gateway of the region's list for the method that a recharge did not use, and why.</summary>
/// <param name="Gateway">The gateway's name.</param>
/// <param name="Reason">One of the constants below; stable, for callers to branch on.</param>
/// <param name="Detail">What the attempt ran into, for <see cref="NotReached"/>; otherwise null.</param>
public sealed record PassedGateway(string Gateway, string Reason, string? Detail = null)
{
    /// <summary>Named by the catalog, but this host has no credentials for it.</summary>
    public const string NotConfigured = "not_configured";

    /// <summary>It does not take the method, the region's currency or the region.</summary>
    public const string Unsupported = "unsupported";

    /// <summary>Its circuit was open: recent calls kept failing to reach it.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>It was tried and provably never reached (connection refused, circuit opened meanwhile): the next one was tried.</summary>
    public const string NotReached = "not_reached";
}
