using PaymentCore.Adapters;
using PaymentCore.Modes;

namespace PaymentCore.Catalog;

/// <summary>
/// Payment methods that exist only to test with: the Sandbox's tokens pay with no money. A catalog
/// may offer them in every region (the demo catalog does); in live mode they are taken out of it as
/// it is loaded, before any check sees it, so ListPackages never lists them, a recharge with one
/// is refused as PAYMENT_METHOD_NOT_AVAILABLE, and the gateway coverage check still holds every real
/// method to having a configured gateway.
/// </summary>
public static class TestOnlyMethods
{
    private static readonly IReadOnlySet<PaymentMethodType> Methods = new HashSet<PaymentMethodType> { PaymentMethodType.Sandbox };

    public static bool Contains(PaymentMethodType method) => Methods.Contains(method);

    /// <summary>The catalog as <paramref name="mode"/> offers it: whole in test mode, without the test-only methods in live mode.</summary>
    public static CoinCatalog OfferedIn(DeploymentMode mode, CoinCatalog catalog) => mode == DeploymentMode.Test
        ? catalog
        : new CoinCatalog(
            catalog.Regions.Select(region => region with
            {
                GatewaysByMethod = region.GatewaysByMethod.Where(m => !Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value),
            }),
            catalog.Source,
            catalog.Version);
}
