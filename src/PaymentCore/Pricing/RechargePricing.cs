using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Errors;
using PaymentCore.Promotions;
using PaymentCore.Recharges;

namespace PaymentCore.Pricing;

/// <summary>
/// Prices purchases before the recharge flow runs: a package or a custom amount at the catalog's
/// price with the promotions running now, or a quote at the price it locked. Also lists a region's
/// offer and issues quotes. Everything is priced from the region snapshot the request was
/// validated against.
/// </summary>
public sealed class RechargePricing(
    QuoteSigner signer,
    PurchaseHistory history,
    IPromotionLedger ledger,
    IOptions<CatalogOptions> options,
    TimeProvider time)
{
    /// <summary>The region's packages and custom amounts with the promotions running now (those without a code).</summary>
    public RegionListing List(RegionCatalog region)
    {
        var now = time.GetUtcNow();
        var running = region.Promotions.Where(p => p.Code is null && p.IsActiveAt(now)).ToList();
        var packages = region.Packages
            .Select(package => new PackageListing(
                package,
                running.Where(p => p.AppliesToItem(package.PackageId))
                    .Select(p => new PromotionListing(p, p.HasDiscount ? p.DiscountedPrice(package.Price) : null))
                    .ToList()))
            .ToList();
        var custom = region.CustomCoins is { } offer
            ? new CustomCoinsListing(offer, running.Where(p => p.AppliesToItem(null)).Select(p => new PromotionListing(p, null)).ToList())
            : null;
        return new RegionListing(region, packages, custom);
    }

    /// <summary>Prices a CreateRecharge: a quote at its locked price, anything else at today's price.</summary>
    /// <exception cref="PaymentCoreException">QUOTE_MISMATCH for a quote of another user or region, or one that was altered.</exception>
    public async Task<CreateRechargeCommand> PriceAsync(RechargeOrder order, CancellationToken cancellationToken)
    {
        var item = order.Item is ItemChoice.Quoted quoted
            ? FromQuote(quoted.QuoteId, order.UserId, order.Region)
            : Priced(await PriceNowAsync(order.UserId, order.Region, order.Item, null, time.GetUtcNow(), cancellationToken));
        return new CreateRechargeCommand(order.Request, order.UserId, order.Region, item, order.Instrument, order.Risk)
        {
            PaidWith = order.PaidWith,
            SaveConsentVersion = order.SaveConsentVersion,
        };
    }

    /// <summary>Locks today's price of a package or custom amount, with the promo code's promotion, for <c>Catalog:QuoteTtl</c>.</summary>
    /// <exception cref="PaymentCoreException">INVALID_ARGUMENT for a code that does not apply; PROMOTION_EXHAUSTED for a code used up.</exception>
    public async Task<PriceQuote> QuoteAsync(QuoteOrder order, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var region = order.Region;
        var packageId = (order.Item as ItemChoice.Package)?.Offer.PackageId;
        var code = order.PromoCode is null ? null : await CodePromotionAsync(order, packageId, now, cancellationToken);
        var priced = await PriceNowAsync(order.UserId, region, order.Item, code, now, cancellationToken);
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((now + options.Value.QuoteTtl).ToUnixTimeMilliseconds());
        var content = new QuoteContent(
            order.UserId,
            region.RegionCode,
            region.Currency,
            priced.Breakdown.Price.MinorUnits,
            priced.Coins,
            priced.Breakdown.BonusCoins,
            packageId,
            priced.Breakdown.Applied.Select(p => p.PromotionId).ToList(),
            expiresAt.ToUnixTimeMilliseconds());
        return new PriceQuote(
            signer.Sign(content), region, packageId, priced.Coins, priced.Breakdown, TaxAmount.ContainedIn(priced.Breakdown.Price, region), expiresAt);
    }

    private async Task<NowPrice> PriceNowAsync(
        string userId, RegionCatalog region, ItemChoice item, Promotion? codePromotion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (listPrice, coins, itemBonus, packageId) = item switch
        {
            ItemChoice.Package p => (p.Offer.Price, p.Offer.Coins, p.Offer.BonusCoins, p.Offer.PackageId),
            ItemChoice.Custom c => (region.CustomCoins!.PriceOf(c.Coins), c.Coins, 0L, (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(item), item, "A quote is priced by its own contents."),
        };
        var promotions = region.Promotions.Where(p => p.Code is null && p.IsActiveAt(now) && p.AppliesToItem(packageId)).ToList();
        var firstPurchase = promotions.Where(p => p.FirstPurchaseOnly).ToList();
        if (firstPurchase.Count > 0)
        {
            var withheld = await WithheldFirstPurchaseAsync(userId, firstPurchase, cancellationToken);
            promotions.RemoveAll(withheld.Contains);
        }

        if (codePromotion is not null)
        {
            promotions.Add(codePromotion);
        }

        return new NowPrice(PriceBreakdown.Of(listPrice, itemBonus, promotions), coins, packageId);
    }

    /// <summary>
    /// The first-purchase promotions this user does not get: all of them after a purchase; otherwise
    /// those the user already holds a redemption of (a first purchase still in flight).
    /// </summary>
    private async Task<IReadOnlyList<Promotion>> WithheldFirstPurchaseAsync(
        string userId, IReadOnlyList<Promotion> firstPurchase, CancellationToken cancellationToken)
    {
        var purchased = history.HasPurchasedAsync(userId, cancellationToken);
        var usages = firstPurchase.Select(p => ledger.UsageAsync(p.PromotionId, userId, cancellationToken)).ToList();
        await Task.WhenAll(usages.Append<Task>(purchased));
        return purchased.Result ? firstPurchase : firstPurchase.Where((_, i) => usages[i].Result.ByUser > 0).ToList();
    }

    private async Task<Promotion> CodePromotionAsync(QuoteOrder order, string? packageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var promotion = order.Region.FindPromotionByCode(order.PromoCode!);
        if (promotion is null || !promotion.IsActiveAt(now) || !promotion.AppliesToItem(packageId))
        {
            throw PaymentCoreException.InvalidArgument(
                [new FieldViolation("promo_code", $"is not the code of a promotion of region {order.Region.RegionCode} that applies to this item now")]);
        }

        if (promotion.IsCounted)
        {
            var usage = await ledger.UsageAsync(promotion.PromotionId, order.UserId, cancellationToken);
            if (usage.ByUser >= promotion.PerUserCap)
            {
                throw PromotionErrors.Exhausted(promotion.PromotionId, RedemptionCap.PerUser);
            }

            if (usage.Total >= promotion.MaxRedemptions)
            {
                throw PromotionErrors.Exhausted(promotion.PromotionId, RedemptionCap.Total);
            }
        }

        return promotion;
    }

    /// <summary>A quote fixes price, coins and bonus; the caps its promotions are held to are those of the catalog in force.</summary>
    private PricedItem FromQuote(string quoteId, string userId, RegionCatalog region)
    {
        if (!signer.TryVerify(quoteId, out var quote))
        {
            throw PaymentCoreException.QuoteMismatch("it is not a quote PaymentCore issued, or it was altered");
        }

        if (quote.UserId != userId)
        {
            throw PaymentCoreException.QuoteMismatch("it was issued for another user");
        }

        if (quote.RegionCode != region.RegionCode || quote.Currency != region.Currency)
        {
            throw PaymentCoreException.QuoteMismatch("it was issued for another region or currency");
        }

        var redemptions = quote.PromotionIds
            .Select(region.FindPromotion)
            .OfType<Promotion>()
            .Select(PromotionRedemption.Of)
            .OfType<PromotionRedemption>()
            .ToList();
        return new PricedItem(
            new Money(quote.Currency, quote.Price),
            quote.Coins,
            quote.BonusCoins,
            quote.PackageId,
            quote.PromotionIds,
            redemptions,
            DateTimeOffset.FromUnixTimeMilliseconds(quote.ExpiresAt));
    }

    private static PricedItem Priced(NowPrice priced) => new(
        priced.Breakdown.Price,
        priced.Coins,
        priced.Breakdown.BonusCoins,
        priced.PackageId,
        priced.Breakdown.Applied.Select(p => p.PromotionId).ToList(),
        priced.Breakdown.Applied.Select(PromotionRedemption.Of).OfType<PromotionRedemption>().ToList(),
        QuoteExpiresAt: null);

    private sealed record NowPrice(PriceBreakdown Breakdown, long Coins, string? PackageId);
}
