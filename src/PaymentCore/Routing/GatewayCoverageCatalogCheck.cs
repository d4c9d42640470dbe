using PaymentCore.Catalog;

namespace PaymentCore.Routing;

/// <summary>
/// Every method a catalog file offers must have a gateway on this host that can take it: a
/// region offering PayPal on a host without PayPal credentials is a deployment error, refused at
/// startup and on reload rather than silently not offered. (The embedded demo catalog is exempt:
/// it lists every gateway as a showcase, and the embedded defaults configure only the Sandbox and
/// vouchers.)
/// </summary>
public sealed class GatewayCoverageCatalogCheck(GatewayRouter router) : ICatalogCheck
{
    public IEnumerable<string> ProblemsWith(CoinCatalog catalog) =>
        from region in catalog.Regions
        from offered in region.GatewaysByMethod
        where !router.CanServe(region, offered.Key)
        select $"region {region.RegionCode}, paymentMethods.{CatalogLoader.MethodName(offered.Key)}: none of its gateways "
            + $"({string.Join(", ", offered.Value)}) is configured on this host for {region.Currency}";
}
