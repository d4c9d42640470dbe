using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Pricing;

namespace PaymentCore.Tests.Domain;

public sealed class PromotionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 3, 8, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Window_StartsAtItsStartInclusive()
    {
        var promotion = Promo();

        Assert.False(promotion.IsActiveAt(Start - TimeSpan.FromTicks(1)));
        Assert.True(promotion.IsActiveAt(Start));
    }

    [Fact]
    public void Window_EndsAtItsEndExclusive()
    {
        var promotion = Promo();

        Assert.True(promotion.IsActiveAt(End - TimeSpan.FromTicks(1)));
        Assert.False(promotion.IsActiveAt(End));
    }

    [Fact]
    public void Window_ComparesInstantsWhateverTheOffset()
    {
        var promotion = Promo();
        var startInTokyo = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(9));

        Assert.True(promotion.IsActiveAt(startInTokyo));
        Assert.False(promotion.IsActiveAt(startInTokyo - TimeSpan.FromTicks(1)));
    }

    [Theory]
    [InlineData(499, 20, 399)]   // 99.8 off -> 100 off (half up goes to the buyer)
    [InlineData(999, 10, 899)]   // 99.9 -> 100
    [InlineData(5, 50, 2)]       // 2.5 off -> 3 off
    [InlineData(160, 15, 136)]   // 24 yen off, exact
    public void PercentOff_RoundsTheDiscountHalfUp(long price, int percent, long expected) =>
        Assert.Equal(expected, Promo(percentOff: percent).DiscountedPrice(Usd(price)).MinorUnits);

    [Fact]
    public void AmountOff_IsExact() =>
        Assert.Equal(Usd(399), Promo(amountOff: Usd(100)).DiscountedPrice(Usd(499)));

    [Fact]
    public void Discount_NeverMakesAPriceNegativeOrFree()
    {
        Assert.Equal(Usd(1), Promo(amountOff: Usd(10_000)).DiscountedPrice(Usd(499)));
        Assert.Equal(Usd(1), Promo(percentOff: 100).DiscountedPrice(Usd(499)));
    }

    [Fact]
    public void Discount_StopsAtItsFloor()
    {
        Assert.Equal(Usd(299), Promo(amountOff: Usd(300), floorPrice: Usd(299)).DiscountedPrice(Usd(499)));
        Assert.Equal(Usd(99), Promo(percentOff: 100, floorPrice: Usd(99)).DiscountedPrice(Usd(999)));
    }

    [Fact]
    public void Discount_NeverRaisesAPriceAlreadyBelowTheFloor() =>
        Assert.Equal(Usd(99), Promo(percentOff: 50, floorPrice: Usd(199)).DiscountedPrice(Usd(99)));

    [Fact]
    public void Breakdown_AppliesOnlyTheBestDiscountButEveryBonus()
    {
        var tenPercent = Promo("a_ten", percentOff: 10, bonusCoins: 20);
        var oneDollar = Promo("b_dollar", amountOff: Usd(100));
        var bonus = Promo("c_bonus", bonusCoins: 50);

        var breakdown = PriceBreakdown.Of(Usd(499), 25, [tenPercent, oneDollar, bonus]);

        Assert.Equal(Usd(499), breakdown.ListPrice);
        Assert.Equal(Usd(399), breakdown.Price);
        Assert.Equal(25 + 20 + 50, breakdown.BonusCoins);
        Assert.Equal(["a_ten", "b_dollar", "c_bonus"], breakdown.Applied.Select(p => p.PromotionId));
    }

    [Fact]
    public void Breakdown_EqualDiscounts_GoToTheLowerPromotionId()
    {
        var breakdown = PriceBreakdown.Of(Usd(1000), 0, [Promo("z_off", amountOff: Usd(100)), Promo("a_off", percentOff: 10)]);

        Assert.Equal(Usd(900), breakdown.Price);
        Assert.Equal(["a_off"], breakdown.Applied.Select(p => p.PromotionId));
    }

    [Fact]
    public void Breakdown_WithoutPromotions_IsTheListPrice()
    {
        var breakdown = PriceBreakdown.Of(Usd(499), 25, []);

        Assert.Equal(Usd(499), breakdown.Price);
        Assert.Equal(25, breakdown.BonusCoins);
        Assert.Empty(breakdown.Applied);
    }

    [Fact]
    public void Breakdown_ADiscountThatChangesNothing_IsNotApplied()
    {
        var breakdown = PriceBreakdown.Of(Usd(99), 0, [Promo(percentOff: 50, floorPrice: Usd(99))]);

        Assert.Equal(Usd(99), breakdown.Price);
        Assert.Empty(breakdown.Applied);
    }

    [Theory]
    [InlineData(null, "coins_500", true)]
    [InlineData(null, null, true)]
    [InlineData("coins_500", "coins_500", true)]
    [InlineData("coins_500", "coins_100", false)]
    [InlineData("coins_500", null, false)]
    [InlineData("custom", null, true)]
    public void AppliesTo_NamesPackagesAndCustomAmounts(string? appliesTo, string? packageId, bool applies)
    {
        var promotion = Promo() with { AppliesTo = appliesTo is null ? null : new HashSet<string> { appliesTo } };

        Assert.Equal(applies, promotion.AppliesToItem(packageId));
    }

    private static Money Usd(long minorUnits) => new("USD", minorUnits);

    private static Promotion Promo(
        string id = "spring",
        int? percentOff = null,
        Money? amountOff = null,
        Money? floorPrice = null,
        long bonusCoins = 0) =>
        new(id, "test", Start, End, null, percentOff, amountOff, floorPrice, bonusCoins, null, null, null, false);
}
