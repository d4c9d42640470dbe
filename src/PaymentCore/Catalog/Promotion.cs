using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>
/// A time-windowed promotion of one region: a discount (percent or fixed amount, never below its
/// floor) and/or bonus coins, for everyone, for first purchases only, or for whoever enters its code.
/// Promotion ids are unique in the whole catalog: the redemption ledger counts by id.
/// </summary>
/// <param name="StartsAt">First instant the promotion applies (inclusive).</param>
/// <param name="EndsAt">First instant it no longer applies (exclusive).</param>
/// <param name="AppliesTo">Package ids, and <see cref="CustomItem"/> for custom amounts; null: everything the region sells.</param>
/// <param name="PercentOff">Whole percent off the list price (1-100).</param>
/// <param name="AmountOff">A fixed amount off the list price, in the region's currency.</param>
/// <param name="FloorPrice">The lowest price the discount may reach; at least one minor unit, because nothing is charged for free.</param>
/// <param name="BonusCoins">Coins added on top of the item's own bonus.</param>
/// <param name="Code">The code that unlocks the promotion; null for a promotion that applies by itself.</param>
/// <param name="MaxRedemptions">How often the code can be redeemed in total.</param>
/// <param name="MaxRedemptionsPerUser">How often one user can redeem the code.</param>
/// <param name="FirstPurchaseOnly">Only for users who never bought coins (no SUCCEEDED recharge); at most once per user.</param>
public sealed record Promotion(
    string PromotionId,
    string Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlySet<string>? AppliesTo,
    int? PercentOff,
    Money? AmountOff,
    Money? FloorPrice,
    long BonusCoins,
    string? Code,
    long? MaxRedemptions,
    long? MaxRedemptionsPerUser,
    bool FirstPurchaseOnly)
{
    /// <summary>The name <see cref="AppliesTo"/> uses for custom amounts; no package may have it as id.</summary>
    public const string CustomItem = "custom";

    public bool HasDiscount => PercentOff is not null || AmountOff is not null;

    /// <summary>Whether redemptions are counted in the ledger: a code with a cap, or a first-purchase promotion.</summary>
    public bool IsCounted => MaxRedemptions is not null || MaxRedemptionsPerUser is not null || FirstPurchaseOnly;

    /// <summary>The per-user cap the ledger enforces; a first-purchase promotion is given once per user.</summary>
    public long? PerUserCap => FirstPurchaseOnly ? 1 : MaxRedemptionsPerUser;

    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <param name="packageId">The package, or null for a custom amount.</param>
    public bool AppliesToItem(string? packageId) => AppliesTo is null || AppliesTo.Contains(packageId ?? CustomItem);

    /// <summary>
    /// The list price with this promotion's discount: a percentage is taken off rounded half up to a
    /// minor unit (an exact half goes to the buyer), a fixed amount exactly. The result never falls
    /// below the floor, and a price already below the floor is left as it is.
    /// </summary>
    public Money DiscountedPrice(Money listPrice)
    {
        var price = listPrice.MinorUnits;
        if (PercentOff is { } percent)
        {
            price -= MinorUnitMath.DivideRoundingHalfUp((Int128)listPrice.MinorUnits * percent, 100);
        }

        if (AmountOff is { } amount)
        {
            price -= amount.MinorUnits;
        }

        var floor = Math.Min(listPrice.MinorUnits, FloorPrice?.MinorUnits ?? 1);
        return listPrice with { MinorUnits = Math.Max(price, floor) };
    }
}
