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

    /// <summary>
    /// The gateways to try, in the region's order (none when the method is not available), and the
    /// others of the region's list, each with why it cannot be used now.
    /// </summary>
    public GatewayRoute Route(RegionCatalog region, PaymentMethodType method)
    {
        if (!region.GatewaysByMethod.TryGetValue(method, out var names))
        {
            return GatewayRoute.None;
        }

        var gateways = new List<IPaymentGateway>(names.Count);
        List<PassedGateway>? passedOver = null;
        foreach (var name in names)
        {
            var gateway = Find(name);
            var reason = gateway switch
            {
                null => PassedGateway.NotConfigured,
                _ when !gateway.Capabilities.Supports(method, region.Currency, region.RegionCode) => PassedGateway.Unsupported,
                _ when CircuitOpen(gateway) => PassedGateway.CircuitOpen,
                _ => null,
            };
            if (reason is null)
            {
                gateways.Add(gateway!);
            }
            else
            {
                (passedOver ??= []).Add(new PassedGateway(name, reason));
            }
        }

        return new GatewayRoute(gateways, passedOver ?? (IReadOnlyList<PassedGateway>)[]);
    }

    /// <summary>The payment methods of a region that have at least one gateway.</summary>
    public IEnumerable<PaymentMethodType> AvailableMethods(RegionCatalog region) =>
        region.GatewaysByMethod.Keys.Where(method => Route(region, method).Gateways.Count > 0).Order();

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
