using PaymentCore.Adapters;
using PaymentCore.Catalog;

namespace PaymentCore.Routing;

/// <summary>
/// Picks the gateways that may serve a payment method in a region: the region's ordered list,
/// less gateways that are not configured, cannot charge the region's currency or serve the
/// region, or whose circuit is open.
/// </summary>
public sealed class GatewayRouter(IEnumerable<IPaymentGateway> gateways)
{
    private readonly Dictionary<string, IPaymentGateway> _gateways =
        gateways.ToDictionary(g => g.Name, StringComparer.Ordinal);

    /// <summary>The gateways to try, in order; empty when the method is not available.</summary>
    public IReadOnlyList<IPaymentGateway> Route(RegionCatalog region, PaymentMethodType method) =>
        region.GatewaysByMethod.TryGetValue(method, out var names)
            ? names.Select(Find).OfType<IPaymentGateway>()
                .Where(g => g.Capabilities.Supports(method, region.Currency, region.RegionCode) && !CircuitOpen(g))
                .ToList()
            : [];

    /// <summary>The payment methods of a region that have at least one gateway.</summary>
    public IEnumerable<PaymentMethodType> AvailableMethods(RegionCatalog region) =>
        region.GatewaysByMethod.Keys.Where(method => Route(region, method).Count > 0).Order();

    /// <summary>
    /// Whether some gateway the region lists for the method is configured on this host and takes the
    /// region's currency, whatever its circuit (an open circuit is an outage, not a catalog error).
    /// </summary>
    public bool CanServe(RegionCatalog region, PaymentMethodType method) =>
        region.GatewaysByMethod.TryGetValue(method, out var names)
        && names.Select(Find).Any(g => g is not null && g.Capabilities.Supports(method, region.Currency, region.RegionCode));

    /// <summary>A configured gateway by name, whatever its circuit: confirmations, lookups and refunds need it.</summary>
    public IPaymentGateway? Find(string name) => _gateways.GetValueOrDefault(name);

    /// <summary>Every configured gateway with a circuit, and whether it is open now.</summary>
    public IEnumerable<(string Gateway, bool Open)> CircuitStates() =>
        _gateways.Values.OfType<CircuitBreakingGateway>().Select(g => (g.Name, g.IsOpen));

    private static bool CircuitOpen(IPaymentGateway gateway) => gateway is CircuitBreakingGateway { IsOpen: true };
}
