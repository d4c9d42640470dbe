using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Api.V1;
using PaymentCore.Catalog;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>
/// A catalog file in live mode: its sandbox entries are dropped (a live host has no Sandbox to
/// cover them), while every real method must still have a configured gateway, as in test mode.
/// </summary>
public sealed class LiveModeCatalogFileTests
{
    private const string SandboxOnly = "\"paymentMethods\": { \"sandbox\": [ \"sandbox\" ] }";

    [Fact]
    public async Task SandboxEntries_AreDropped_RealMethodsServed()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop().Replace(
            SandboxOnly, "\"paymentMethods\": { \"sandbox\": [ \"sandbox\" ], \"card\": [ \"sandbox\", \"stripe\" ] }", StringComparison.Ordinal));
        await using var stripe = await StripeStub.StartAsync();
        await using var server = await PaymentCoreServer.StartAsync(ModeSettings.Live(stripe).On(TestCatalogs.Settings(file)));

        var us = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" });
        var paid = (await server.Recharges.CreateRechargeAsync(ModeSettings.PayByCard())).Recharge;

        Assert.Equal(["card"], us.PaymentMethods);
        Assert.Equal(("stripe", true, RechargeStatus.Succeeded), (paid.Gateway, paid.Livemode, paid.Status));
    }

    [Fact]
    public async Task RealMethodWithoutAGateway_StillStopsTheStart()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop().Replace(
            SandboxOnly, "\"paymentMethods\": { \"sandbox\": [ \"sandbox\" ], \"paypal\": [ \"paypal\" ] }", StringComparison.Ordinal));
        await using var stripe = await StripeStub.StartAsync();

        var error = await Assert.ThrowsAsync<CatalogException>(() => PaymentCoreServer.StartAsync(ModeSettings.Live(stripe).On(TestCatalogs.Settings(file))));

        Assert.Contains("region US, paymentMethods.paypal", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("paymentMethods.sandbox", error.Message, StringComparison.Ordinal);
    }
}
