using PaymentCore.Adapters;
using PaymentCore.Catalog;

namespace PaymentCore.Pricing;

/// <summary>An item's price before and after promotions, its bonus coins, and the promotions that made the difference.</summary>
public sealed record PriceBreakdown(Money ListPrice, Money Price, long BonusCoins, IReadOnlyList<Promotion> Applied)
{
    /// <summary>
    /// Applies promotions to an item. Every promotion's bonus coins are added; of the discounts only
    /// the one giving the lowest price applies (discounts never stack; a tie goes to the lower
    /// promotion id, so the choice is deterministic). A promotion counts as applied when its bonus
    /// or its discount was used.
    /// </summary>
    /// <param name="promotions">The promotions that apply to the item for this user now.</param>
    public static PriceBreakdown Of(Money listPrice, long itemBonusCoins, IEnumerable<Promotion> promotions)
    {
        var candidates = promotions.OrderBy(p => p.PromotionId, StringComparer.Ordinal).ToList();
        var discount = candidates
            .Where(p => p.HasDiscount)
            .Select(p => (Promotion: p, Price: p.DiscountedPrice(listPrice)))
            .Where(d => d.Price.MinorUnits < listPrice.MinorUnits)
            .OrderBy(d => d.Price.MinorUnits)
            .FirstOrDefault();
        var bonus = candidates.Aggregate(itemBonusCoins, (sum, p) => checked(sum + p.BonusCoins));
        var applied = candidates.Where(p => p.BonusCoins > 0 || p == discount.Promotion).ToList();
        return new PriceBreakdown(listPrice, discount.Promotion is null ? listPrice : discount.Price, bonus, applied);
    }
}
