using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>Catalog and pricing through gRPC on the real host with the demo catalog: listings, quotes, promo codes, custom amounts.</summary>
public abstract class PricingApiTests(PaymentCoreServer server)
{
    [Theory]
    [InlineData("US", "USD", TaxDisplay.Exclusive, new long[] { 99, 499, 1199, 5999 })]
    [InlineData("DE", "EUR", TaxDisplay.Inclusive, new long[] { 109, 549, 1299, 6499 })]
    [InlineData("JP", "JPY", TaxDisplay.Inclusive, new long[] { 160, 800, 1900, 9800 })]
    [InlineData("KW", "KWD", TaxDisplay.Inclusive, new long[] { 300, 1500, 3650, 18250 })]
    [InlineData("BR", "BRL", TaxDisplay.Inclusive, new long[] { 590, 2790, 6490, 32990 })]
    [InlineData("ID", "IDR", TaxDisplay.Inclusive, new long[] { 1600000, 7900000, 18900000, 94900000 })]
    public async Task ListPackages_EveryDemoRegion_AnswersScaledPricesPerCoinPricesPromotionsAndCustomAmounts(
        string region, string currency, TaxDisplay taxDisplay, long[] prices)
    {
        var response = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = region });

        Assert.Equal(currency, response.Currency);
        Assert.Equal(taxDisplay, response.TaxDisplay);
        Assert.Equal(prices.Select(p => new Money { Currency = currency, MinorUnits = p }), response.Packages.Select(p => p.Price));
        Assert.Equal(["coins_100", "coins_500", "coins_1200", "coins_6500"], response.Packages.Select(p => p.PackageId));
        Assert.All(response.Packages, p => Assert.Equal(currency, p.PricePer100Coins.Currency));
        Assert.Equal(prices[0], response.Packages[0].PricePer100Coins.MinorUnits);
        Assert.True(response.Packages[3].PricePer100Coins.MinorUnits < response.Packages[0].PricePer100Coins.MinorUnits);

        // The running promotion without a code is listed with its package; the WELCOME10 code's is not.
        var bigPack = Assert.Single(response.Packages[3].Promotions);
        Assert.Equal($"{region.ToLowerInvariant()}_big_pack_bonus", bigPack.PromotionId);
        Assert.Equal(500, bigPack.ExtraBonusCoins);
        Assert.Null(bigPack.Price);
        Assert.All(response.Packages.Take(3), p => Assert.Empty(p.Promotions));

        Assert.Equal(100, response.CustomCoins.MinCoins);
        Assert.Equal(100000, response.CustomCoins.MaxCoins);
        Assert.Equal(new Money { Currency = currency, MinorUnits = prices[0] }, response.CustomCoins.PricePer100Coins);
    }

    [Theory]
    [InlineData("US", 499, null)]     // tax-exclusive: added at checkout, not stated
    [InlineData("DE", 549, 88L)]      // 19 %: 5.49 - 5.49 / 1.19 (4.61) = 0.88
    [InlineData("JP", 800, 73L)]      // 10 %: 800 - 727 = 73 yen
    [InlineData("KW", 1500, 0L)]      // 0 %
    [InlineData("ID", 7900000, 782883L)] // 11 %: 79,000.00 - 71,171.17 = 7,828.83
    public async Task QuoteRecharge_Package_LocksTheListPriceWithTheTaxItContains(string region, long price, long? tax)
    {
        var before = DateTimeOffset.UtcNow;

        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(Requests.NewUser(), region))).Quote;

        Assert.Equal(price, quote.Price.MinorUnits);
        Assert.Equal(price, quote.ListPrice.MinorUnits);
        Assert.Equal(500, quote.Coins);
        Assert.Equal(25, quote.BonusCoins);
        Assert.Equal(region, quote.RegionCode);
        Assert.Equal("coins_500", quote.PackageId);
        Assert.Equal(tax, quote.Tax?.MinorUnits);
        Assert.Empty(quote.Promotions);
        Assert.InRange(quote.ExpiresAt.ToDateTimeOffset(), before.AddMinutes(15).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.StartsWith("q1.", quote.QuoteId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteRecharge_PromoCode_AppliesItsDiscountWhateverTheCase()
    {
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(Requests.NewUser(), promoCode: "welcome10"))).Quote;

        Assert.Equal(449, quote.Price.MinorUnits);   // 4.99 less 10 % (0.499, rounded half up to 0.50)
        Assert.Equal(499, quote.ListPrice.MinorUnits);
        var promotion = Assert.Single(quote.Promotions);
        Assert.Equal("us_welcome10", promotion.PromotionId);
        Assert.Equal(10, promotion.PercentOff);
    }

    [Theory]
    [InlineData("NOPE10")]
    [InlineData("welcome 10")]
    public async Task QuoteRecharge_CodeThatDoesNotApply_IsInvalidArgumentOnPromoCode(string code)
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.QuoteRechargeAsync(Requests.Quote(Requests.NewUser(), promoCode: code)).ResponseAsync);

        Assert.Equal(["promo_code"], RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task QuoteRecharge_MissingEverything_NamesEachField()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.QuoteRechargeAsync(new QuoteRechargeRequest()).ResponseAsync);

        Assert.Equal(["user_id", "region_code", "item"], RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task CreateRecharge_WithQuote_BuysAtTheQuotedPriceAndCountsTheCode()
    {
        var user = Requests.NewUser();
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, promoCode: "WELCOME10"))).Quote;

        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        Assert.Equal(new Money { Currency = "USD", MinorUnits = 449 }, recharge.Amount);
        Assert.Equal(500, recharge.Coins);
        Assert.Equal(25, recharge.BonusCoins);
        Assert.Equal("coins_500", recharge.PackageId);
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PROMOTION_EXHAUSTED", () =>
            server.Recharges.QuoteRechargeAsync(Requests.Quote(user, package: "coins_100", promoCode: "WELCOME10")).ResponseAsync);
        var info = status.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("us_welcome10", info.Metadata["promotion_id"]);
        Assert.Equal("per_user", info.Metadata["cap"]);
    }

    [Fact]
    public async Task CreateRecharge_SecondQuoteWithAUsedCode_IsRefusedAtPurchase()
    {
        var user = Requests.NewUser();
        var first = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, promoCode: "WELCOME10"))).Quote;
        var second = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, package: "coins_1200", promoCode: "WELCOME10"))).Quote;
        await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(first.QuoteId, user));
        var chargesBefore = server.Sandbox.ChargeCount;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PROMOTION_EXHAUSTED", () =>
            server.Recharges.CreateRechargeAsync(Requests.BuyQuote(second.QuoteId, user)).ResponseAsync);

        Assert.Equal(chargesBefore, server.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task CreateRecharge_DeclinedPurchaseWithACode_GivesTheRedemptionBack()
    {
        var user = Requests.NewUser();
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, promoCode: "WELCOME10"))).Quote;

        var declined = (await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user, token: "sandbox_decline_card_declined"))).Recharge;

        Assert.Equal(RechargeStatus.Failed, declined.Status);
        var again = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, promoCode: "WELCOME10"))).Quote;
        var paid = (await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(again.QuoteId, user))).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        Assert.Equal(449, paid.Amount.MinorUnits);
    }

    [Fact]
    public async Task CreateRecharge_RetriedWithTheSameKey_ReplaysTheQuotedPurchase()
    {
        var user = Requests.NewUser();
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, promoCode: "WELCOME10"))).Quote;
        var request = Requests.BuyQuote(quote.QuoteId, user);
        var first = (await server.Recharges.CreateRechargeAsync(request)).Recharge;

        var retry = server.Recharges.CreateRechargeAsync(request);

        Assert.Equal(first, (await retry).Recharge);
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
    }

    [Fact]
    public async Task CreateRecharge_QuoteOfAnotherUser_IsAMismatch()
    {
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(Requests.NewUser()))).Quote;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "QUOTE_MISMATCH", () =>
            server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, Requests.NewUser())).ResponseAsync);
    }

    [Fact]
    public async Task CreateRecharge_QuoteOfAnotherRegion_IsAMismatch()
    {
        var user = Requests.NewUser();
        var quote = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, region: "DE"))).Quote;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "QUOTE_MISMATCH", () =>
            server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user, region: "US")).ResponseAsync);
    }

    [Fact]
    public async Task CreateRecharge_TamperedQuote_IsAMismatchAndChargesNothing()
    {
        var user = Requests.NewUser();
        var quoteId = (await server.Recharges.QuoteRechargeAsync(Requests.Quote(user, package: "coins_6500"))).Quote.QuoteId;
        var parts = quoteId.Split('.');
        var contents = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var cheaper = contents.Replace("\"price\":5999", "\"price\":1", StringComparison.Ordinal);
        Assert.NotEqual(contents, cheaper);
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(cheaper))}.{parts[2]}";
        var chargesBefore = server.Sandbox.ChargeCount;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "QUOTE_MISMATCH", () =>
            server.Recharges.CreateRechargeAsync(Requests.BuyQuote(tampered, user)).ResponseAsync);

        Assert.Equal(chargesBefore, server.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task CreateRecharge_BigPackDuringItsPromotion_CreditsTheExtraBonus()
    {
        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.Create(region: "JP", package: "coins_6500"))).Recharge;

        Assert.Equal(9800, recharge.Amount.MinorUnits);
        Assert.Equal(6500, recharge.Coins);
        Assert.Equal(800 + 500, recharge.BonusCoins);
    }

    [Theory]
    [InlineData("JP", 333, "JPY", 533)]       // 333 × 1.60 = 532.8 -> 533 yen
    [InlineData("KW", 101, "KWD", 303)]       // 0.303 KWD
    [InlineData("US", 250, "USD", 248)]       // 2.475 -> 2.48
    [InlineData("ID", 12345, "IDR", 197520000)]
    public async Task CreateRecharge_CustomCoins_ArePricedExactlyAndCredited(string region, long coins, string currency, long minorUnits)
    {
        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.BuyCustom(coins, region))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        Assert.Equal(new Money { Currency = currency, MinorUnits = minorUnits }, recharge.Amount);
        Assert.Equal(coins, recharge.Coins);
        Assert.Equal(0, recharge.BonusCoins);
        Assert.Empty(recharge.PackageId);
        var credit = Assert.Single(await server.Wallet.WaitForAsync(events => events.Any(e => e.RechargeId == recharge.RechargeId)), e => e.RechargeId == recharge.RechargeId);
        Assert.Equal(coins, credit.Coins);
    }

    [Fact]
    public async Task QuoteRecharge_CustomCoins_WithACode_IsBoughtAtTheQuotedPrice()
    {
        var user = Requests.NewUser();
        var request = new QuoteRechargeRequest { UserId = user, RegionCode = "DE", CustomCoins = 1000, PromoCode = "WELCOME10" };

        var quote = (await server.Recharges.QuoteRechargeAsync(request)).Quote;
        var recharge = (await server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user, region: "DE"))).Recharge;

        Assert.Equal(1090, quote.ListPrice.MinorUnits);  // 1000 × 1.09 / 100
        Assert.Equal(981, quote.Price.MinorUnits);       // less 10 % (1.09)
        Assert.Empty(quote.PackageId);
        Assert.Equal(new Money { Currency = "EUR", MinorUnits = 981 }, recharge.Amount);
        Assert.Equal(1000, recharge.Coins);
        Assert.Empty(recharge.PackageId);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(100001)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task CustomCoins_OutOfBounds_IsInvalidArgumentOnCustomCoins(long coins)
    {
        var create = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.CreateRechargeAsync(Requests.BuyCustom(coins)).ResponseAsync);
        var quote = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.QuoteRechargeAsync(new QuoteRechargeRequest { UserId = "u1", RegionCode = "US", CustomCoins = coins }).ResponseAsync);

        Assert.Equal(["custom_coins"], RpcAssert.ViolatedFields(create));
        Assert.Equal(["custom_coins"], RpcAssert.ViolatedFields(quote));
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class PricingApiInMemoryTests(PaymentCoreServer server) : PricingApiTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class PricingApiRedisTests(RedisApiServer redis) : PricingApiTests(redis.Server), IClassFixture<RedisApiServer>;
