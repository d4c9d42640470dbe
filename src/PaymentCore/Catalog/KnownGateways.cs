namespace PaymentCore.Catalog;

/// <summary>
/// The gateway names PaymentCore has adapters for. A catalog may name any of them whether or not
/// it is configured on this host (a gateway without credentials is simply not offered); a name
/// outside this list can never be routed to, so the catalog is refused.
/// </summary>
public static class KnownGateways
{
    public static IReadOnlyList<string> Names { get; } = ["sandbox", "stripe", "paypal", "voucher"];
}
