using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Catalog;
using PaymentCore.Pricing;
using PaymentCore.State;
using PaymentCore.Stores.InMemory;

namespace PaymentCore.Tests.Pricing;

/// <summary>Pricing against a fake clock: a promotion's window decides to the tick what is listed and quoted.</summary>
public sealed class RechargePricingTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 3, 8, 0, 0, 0, TimeSpan.Zero);

    private static readonly RegionCatalog Region = LoadRegion("""
        { "regions": [ { "regionCode": "US", "currency": "USD", "taxDisplay": "exclusive",
          "packages": [ { "packageId": "coins_500", "coins": 500, "bonusCoins": 25, "price": "4.99" } ],
          "customCoins": { "min": 100, "max": 1000, "pricePer100Coins": "0.99" },
          "promotions": [
            { "promotionId": "spring", "description": "Spring: 20 % off and 50 coins",
              "startsAt": "2026-03-01T00:00:00Z", "endsAt": "2026-03-08T00:00:00Z", "percentOff": 20, "bonusCoins": 50 } ],
          "paymentMethods": { "sandbox": [ "sandbox" ] } } ] }
        """);

    private readonly FakeTimeProvider _time = new(Start - TimeSpan.FromDays(1));
    private readonly RechargePricing _pricing;

    public RechargePricingTests()
    {
        var options = Options.Create(new CatalogOptions());
        _pricing = new RechargePricing(
            new QuoteSigner(options, NullLogger<QuoteSigner>.Instance),
            new PurchaseHistory(new InMemoryRechargeStore(_time, new InMemoryOutbox(new ShardDoorbells()), new InMemoryLimitLedger(_time))),
            new InMemoryPromotionLedger(),
            options,
            _time);
    }

    [Fact]
    public async Task OneTickBeforeTheStart_ListPriceAndNoPromotion()
    {
        _time.SetUtcNow(Start - TimeSpan.FromTicks(1));

        var quote = await QuoteAsync();

        Assert.Equal(499, quote.Breakdown.Price.MinorUnits);
        Assert.Equal(25, quote.Breakdown.BonusCoins);
        Assert.Empty(_pricing.List(Region).Packages[0].Promotions);
    }

    [Fact]
    public async Task AtTheStart_ThePromotionApplies()
    {
        _time.SetUtcNow(Start);

        var quote = await QuoteAsync();

        Assert.Equal(399, quote.Breakdown.Price.MinorUnits);
        Assert.Equal(25 + 50, quote.Breakdown.BonusCoins);
        var listed = Assert.Single(_pricing.List(Region).Packages[0].Promotions);
        Assert.Equal(399, listed.Price?.MinorUnits);
    }

    [Fact]
    public async Task OneTickBeforeTheEnd_ThePromotionStillApplies()
    {
        _time.SetUtcNow(End - TimeSpan.FromTicks(1));

        Assert.Equal(399, (await QuoteAsync()).Breakdown.Price.MinorUnits);
    }

    [Fact]
    public async Task AtTheEnd_ThePromotionNoLongerApplies()
    {
        _time.SetUtcNow(End);

        Assert.Equal(499, (await QuoteAsync()).Breakdown.Price.MinorUnits);
        Assert.Empty(_pricing.List(Region).Packages[0].Promotions);
    }

    [Fact]
    public async Task QuoteTakenDuringThePromotion_KeepsItsPriceAfterItEnds()
    {
        _time.SetUtcNow(End - TimeSpan.FromMinutes(5));
        var quote = await QuoteAsync();
        _time.SetUtcNow(End + TimeSpan.FromMinutes(1));

        var order = new RechargeOrder(
            new Recharges.IdempotentRequest("caller", "key", "fp"), "u1", Region, new ItemChoice.Quoted(quote.QuoteId),
            new Adapters.SandboxInstrument("sandbox_ok"), new Recharges.RiskSignals("unverified", null, null));
        var command = await _pricing.PriceAsync(order, default);

        Assert.Equal(399, command.Item.Price.MinorUnits);
        Assert.Equal(75, command.Item.BonusCoins);
        Assert.Equal(["spring"], command.Item.PromotionIds);
        Assert.Equal(quote.ExpiresAt, command.Item.QuoteExpiresAt);
    }

    [Fact]
    public async Task CustomAmount_GetsThePromotionToo()
    {
        _time.SetUtcNow(Start);

        var quote = await _pricing.QuoteAsync(new QuoteOrder("u1", Region, new ItemChoice.Custom(250), null), default);

        Assert.Equal(248, quote.Breakdown.ListPrice.MinorUnits);  // 250 × 0.99 / 100 = 2.475 -> 2.48
        Assert.Equal(198, quote.Breakdown.Price.MinorUnits);      // less 20 % (0.496 -> 0.50)
        Assert.Equal(50, quote.Breakdown.BonusCoins);
        Assert.Null(quote.PackageId);
    }

    private Task<PriceQuote> QuoteAsync() =>
        _pricing.QuoteAsync(new QuoteOrder("u1", Region, new ItemChoice.Package(Region.Packages[0]), null), default);

    private static RegionCatalog LoadRegion(string json)
    {
        Assert.True(CatalogLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json").TryGetRegion("US", out var region));
        return region;
    }
}
