using Grpc.Core;
using Microsoft.Extensions.Logging;
using PaymentCore.Api.V1;
using PaymentCore.Catalog;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Api;

/// <summary>A host on a catalog file: derived prices, reloads, quotes across a price change, first-purchase bonuses, scarce codes.</summary>
public abstract class CatalogFileTests
{
    /// <summary>The store's settings, added to each test's catalog settings.</summary>
    protected abstract Dictionary<string, string?> Store();

    [Fact]
    public async Task ListPackages_DerivedRegion_ShowsTheConvertedNicePrices()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        await using var server = await StartAsync(TestCatalogs.Settings(file));

        var france = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "FR" });

        Assert.Equal("EUR", france.Currency);
        Assert.Equal([99L, 499L], france.Packages.Select(p => p.Price.MinorUnits));
        Assert.Equal(92, france.CustomCoins.PricePer100Coins.MinorUnits);
    }

    [Fact]
    public async Task QuotedPackage_BoughtAfterTheListPriceChanged_CostsTheQuotedPrice()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop(coins500Price: "4.99"));
        await using var server = await StartAsync(TestCatalogs.Settings(file));
        var user = Requests.NewUser();
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user))).Quote;

        file.Write(TestCatalogs.Shop(coins500Price: "5.49"));
        await PriceOfCoins500Async(server, until: 549);
        var quoted = (await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user))).Recharge;
        var listed = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;

        Assert.Equal(499, quote.Price.MinorUnits);
        Assert.Equal(new Money { Currency = "USD", MinorUnits = 499 }, quoted.Amount);
        Assert.Equal(new Money { Currency = "USD", MinorUnits = 549 }, listed.Amount);
    }

    [Fact]
    public async Task BadReload_KeepsServingTheCatalogInForce()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop(coins500Price: "4.99"));
        await using var server = await StartAsync(TestCatalogs.Settings(file));

        file.Write(TestCatalogs.Shop(coins500Price: "5.49").Replace("[ \"sandbox\" ]", "[ \"sandbx\" ]", StringComparison.Ordinal));
        await RejectedAsync(server);

        Assert.Equal(499, await PriceOfCoins500Async(server, until: 499));
        file.Write(TestCatalogs.Shop(coins500Price: "5.99"));
        Assert.Equal(599, await PriceOfCoins500Async(server, until: 599));
    }

    [Fact]
    public async Task Reload_SellingInACurrencyTheLimitsCannotCount_IsRejected()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop(coins500Price: "4.99"));
        await using var server = await StartAsync(TestCatalogs.Settings(file));

        // MXN has no rate under Limits:ExchangeRates: the whole file is refused, US prices included.
        file.Write(TestCatalogs.Shop(coins500Price: "5.49").Replace("\"FR\", \"currency\": \"EUR\"", "\"MX\", \"currency\": \"MXN\"", StringComparison.Ordinal));
        await RejectedAsync(server);

        Assert.Equal(499, await PriceOfCoins500Async(server, until: 499));
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "MX" }).ResponseAsync);
    }

    [Fact]
    public async Task Startup_OfferingAMethodNoConfiguredGatewayServes_FailsNamingTheFileRegionAndField()
    {
        // Stripe has no credentials on the test host, so nothing could take the card payments offered.
        using var file = new TempCatalogFile(WithCardsThroughStripe(TestCatalogs.Shop()));

        var error = await Assert.ThrowsAsync<CatalogException>(() => StartAsync(TestCatalogs.Settings(file)));

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(
            [
                "region US, paymentMethods.card: none of its gateways (stripe) is configured on this host for USD",
                "region FR, paymentMethods.card: none of its gateways (stripe) is configured on this host for EUR",
            ],
            error.Problems);
    }

    [Fact]
    public async Task Reload_OfferingAMethodNoConfiguredGatewayServes_IsRejected()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop(coins500Price: "4.99"));
        await using var server = await StartAsync(TestCatalogs.Settings(file));

        file.Write(WithCardsThroughStripe(TestCatalogs.Shop(coins500Price: "5.49")));
        await RejectedAsync(server);

        Assert.Equal(499, await PriceOfCoins500Async(server, until: 499));
        var us = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" });
        Assert.DoesNotContain("card", us.PaymentMethods);
    }

    [Fact]
    public async Task FirstPurchase_GetsTheBonus_TheNextOneDoesNot()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        await using var server = await StartAsync(TestCatalogs.Settings(file));
        var user = Requests.NewUser();

        var listed = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" });
        var first = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_100"))).Recharge;
        var second = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_100"))).Recharge;

        Assert.True(Assert.Single(listed.Packages[0].Promotions).FirstPurchaseOnly);
        Assert.Equal(100, first.BonusCoins);
        Assert.Equal(0, second.BonusCoins);
        Assert.Equal(99, second.Amount.MinorUnits);
    }

    [Fact]
    public async Task FirstPurchase_Declined_LeavesTheBonusForTheNextAttempt()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        await using var server = await StartAsync(TestCatalogs.Settings(file));
        var user = Requests.NewUser();

        var declined = (await server.Recharges.CreateRechargeAsync(Requests.Create("sandbox_decline_card_declined", user, package: "coins_100"))).Recharge;
        var paid = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_100"))).Recharge;

        Assert.Equal(RechargeStatus.Failed, declined.Status);
        Assert.Equal(100, declined.BonusCoins);
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Equal(100, paid.BonusCoins);
    }

    [Fact]
    public async Task FirstPurchase_ConcurrentAttempts_GetTheBonusOnce()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        await using var server = await StartAsync(TestCatalogs.Settings(file));
        var user = Requests.NewUser();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user, package: "coins_100"))).Recharge;
            }
            catch (RpcException e) when (e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason == "PROMOTION_EXHAUSTED")
            {
                return null;
            }
        }));

        var paid = outcomes.OfType<Recharge>().Where(r => r.Status == RechargeStatus.Succeeded).ToList();
        Assert.Single(paid, r => r.BonusCoins == 100);
        Assert.All(paid.Where(r => r.BonusCoins != 100), r => Assert.Equal(0, r.BonusCoins));
    }

    [Fact]
    public async Task FirstPurchaseQuote_BoughtAfterAnotherPurchase_IsRefused()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        await using var server = await StartAsync(TestCatalogs.Settings(file));
        var user = Requests.NewUser();
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, package: "coins_100"))).Quote;
        await server.Recharges.CreateRechargeAsync(Requests.BuyCustom(500, user: user));

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PROMOTION_EXHAUSTED", () =>
            server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user)).ResponseAsync);

        Assert.Equal("first_bonus", Assert.Single(quote.Promotions).PromotionId);
        Assert.Equal(100, quote.BonusCoins);
    }

    [Fact]
    public async Task ScarceCode_100ConcurrentBuyers_RedeemExactlyTheCap()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        await using var server = await StartAsync(TestCatalogs.Settings(file));

        await ScarceCodeRace.RunAsync(server);
    }

    private Task<PaymentCoreServer> StartAsync(Dictionary<string, string?> settings) =>
        PaymentCoreServer.StartAsync(new(settings.Concat(Store())));

    /// <summary>Waits until the watcher has read the rewritten file and refused it (its error line), so the price read next proves the old catalog stayed.</summary>
    private static Task RejectedAsync(PaymentCoreServer server) =>
        Eventually.TrueAsync(() => server.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Error && r.Message.Contains("rejected", StringComparison.Ordinal)));

    private static async Task<long> PriceOfCoins500Async(PaymentCoreServer server, long until) =>
        await Eventually.ReturnsAsync(
            async () => (await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" })).Packages[1].Price.MinorUnits,
            price => price == until);

    private static string WithCardsThroughStripe(string catalog) =>
        catalog.Replace("\"paymentMethods\": { \"sandbox\": [ \"sandbox\" ] }", "\"paymentMethods\": { \"sandbox\": [ \"sandbox\" ], \"card\": [ \"stripe\" ] }", StringComparison.Ordinal);
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class CatalogFileInMemoryTests : CatalogFileTests
{
    protected override Dictionary<string, string?> Store() => [];
}

/// <summary>The suite on Redis, one key prefix per test.</summary>
public sealed class CatalogFileRedisTests(RedisSingleNodeFixture redis) : CatalogFileTests, IClassFixture<RedisSingleNodeFixture>
{
    protected override Dictionary<string, string?> Store() => RedisSettings.For(redis.Configuration);
}
