using PaymentCore.Adapters;
using PaymentCore.Promotions;

namespace PaymentCore.Recharges;

/// <summary>
/// What one purchase costs and credits, fixed before the recharge flow starts: by the catalog and
/// the promotions in force, or by a quote.
/// </summary>
/// <param name="Price">What the user pays.</param>
/// <param name="Coins">Coins credited, bonus excluded.</param>
/// <param name="BonusCoins">The package's bonus plus the bonus of every promotion applied.</param>
/// <param name="PackageId">The package bought; null for a custom amount.</param>
/// <param name="PromotionIds">The promotions applied.</param>
/// <param name="Redemptions">The applied promotions whose redemptions are counted: reserved with the attempt.</param>
/// <param name="QuoteExpiresAt">For a purchase through a quote: from this instant the attempt is refused.</param>
public sealed record PricedItem(
    Money Price,
    long Coins,
    long BonusCoins,
    string? PackageId,
    IReadOnlyList<string> PromotionIds,
    IReadOnlyList<PromotionRedemption> Redemptions,
    DateTimeOffset? QuoteExpiresAt)
{
    public IReadOnlyList<string> RedeemedPromotionIds => Redemptions.Select(r => r.PromotionId).ToList();
}
