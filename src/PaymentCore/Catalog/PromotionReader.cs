using System.Globalization;
using System.Text.RegularExpressions;

namespace PaymentCore.Catalog;

/// <summary>Validates the promotions of one region of a catalog file.</summary>
internal static partial class PromotionReader
{
    public const int MaxDescriptionLength = 200;

    /// <param name="packages">The region's packages, which <c>appliesTo</c> may name.</param>
    /// <param name="sellsCustomAmounts">Whether <c>appliesTo</c> may name custom amounts.</param>
    public static List<Promotion> Read(
        List<PromotionFile>? files, string currency, IReadOnlyList<CoinPackageOffer> packages, bool sellsCustomAmounts, string where, List<string> errors)
    {
        var promotions = new List<Promotion>();
        for (var i = 0; i < (files?.Count ?? 0); i++)
        {
            var at = $"{where}, promotions[{i}]";
            var promotion = Read(files![i], currency, packages, sellsCustomAmounts, at, errors);
            if (promotion is null)
            {
                continue;
            }

            if (promotions.Any(p => p.PromotionId == promotion.PromotionId))
            {
                errors.Add($"{at}.promotionId: '{promotion.PromotionId}' is defined twice");
            }

            if (promotion.Code is { } code && promotions.Any(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{at}.code: '{code}' is used by another promotion of the region (codes ignore case)");
            }

            promotions.Add(promotion);
        }

        return promotions;
    }

    /// <summary>The ledger counts redemptions by promotion id, so an id names one promotion in the whole catalog.</summary>
    public static void CheckIdsUniqueAcrossRegions(IReadOnlyList<RegionCatalog> regions, List<string> errors)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            foreach (var promotion in region.Promotions)
            {
                if (!owners.TryAdd(promotion.PromotionId, region.RegionCode))
                {
                    errors.Add($"region {region.RegionCode}, promotions: id '{promotion.PromotionId}' is also a promotion of region {owners[promotion.PromotionId]}; promotion ids are unique in the catalog");
                }
            }
        }
    }

    private static Promotion? Read(
        PromotionFile file, string currency, IReadOnlyList<CoinPackageOffer> packages, bool sellsCustomAmounts, string at, List<string> errors)
    {
        var before = errors.Count;
        var id = file.PromotionId ?? string.Empty;
        if (!RegionReader.IdPattern().IsMatch(id))
        {
            errors.Add($"{at}.promotionId: '{id}' must be 1-64 characters of [a-z0-9_]");
        }

        if (string.IsNullOrWhiteSpace(file.Description) || file.Description.Length > MaxDescriptionLength)
        {
            errors.Add($"{at}.description: required, 1-{MaxDescriptionLength} characters shown to the user");
        }

        var startsAt = Timestamp(file.StartsAt, $"{at}.startsAt", errors);
        var endsAt = Timestamp(file.EndsAt, $"{at}.endsAt", errors);
        if (startsAt is not null && endsAt <= startsAt)
        {
            errors.Add($"{at}.endsAt: must be after startsAt");
        }

        var appliesTo = AppliesTo(file.AppliesTo, packages, sellsCustomAmounts, at, errors);
        if (file.PercentOff is < 1 or > 100)
        {
            errors.Add($"{at}.percentOff: must be a whole percentage from 1 to 100");
        }

        var amountOff = file.AmountOff is null ? null : CatalogAmounts.Read(file.AmountOff, currency, $"{at}.amountOff", errors);
        if (file.PercentOff is not null && file.AmountOff is not null)
        {
            errors.Add($"{at}: set percentOff or amountOff, not both");
        }

        var floorPrice = file.FloorPrice is null ? null : CatalogAmounts.Read(file.FloorPrice, currency, $"{at}.floorPrice", errors);
        var hasDiscount = file.PercentOff is not null || file.AmountOff is not null;
        if (file.FloorPrice is not null && !hasDiscount)
        {
            errors.Add($"{at}.floorPrice: only a discount has a floor");
        }

        if (file.BonusCoins is < 0)
        {
            errors.Add($"{at}.bonusCoins: must not be negative");
        }

        if (!hasDiscount && file.BonusCoins is not > 0)
        {
            errors.Add($"{at}: must give a discount (percentOff or amountOff), bonusCoins, or both");
        }

        Codes(file, at, errors);
        return errors.Count == before
            ? new Promotion(
                id,
                file.Description!,
                startsAt!.Value,
                endsAt!.Value,
                appliesTo,
                file.PercentOff,
                amountOff,
                floorPrice,
                file.BonusCoins ?? 0,
                file.Code,
                file.MaxRedemptions,
                file.MaxRedemptionsPerUser,
                file.FirstPurchaseOnly ?? false)
            : null;
    }

    private static void Codes(PromotionFile file, string at, List<string> errors)
    {
        if (file.Code is not null && !CodePattern().IsMatch(file.Code))
        {
            errors.Add($"{at}.code: '{file.Code}' must be 3-32 letters, digits, '_' or '-', starting with a letter or digit");
        }

        if (file.MaxRedemptions is < 1 || file.MaxRedemptionsPerUser is < 1)
        {
            errors.Add($"{at}: maxRedemptions and maxRedemptionsPerUser must be at least 1");
        }

        if (file.Code is null && (file.MaxRedemptions is not null || file.MaxRedemptionsPerUser is not null))
        {
            errors.Add($"{at}: redemption caps need a code (a promotion without a code applies to everyone)");
        }

        if (file.Code is not null && file.FirstPurchaseOnly is true)
        {
            errors.Add($"{at}.firstPurchaseOnly: a first-purchase promotion applies by itself and has no code");
        }
    }

    private static IReadOnlySet<string>? AppliesTo(
        List<string>? items, IReadOnlyList<CoinPackageOffer> packages, bool sellsCustomAmounts, string at, List<string> errors)
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            errors.Add($"{at}.appliesTo: leave it out to apply to everything, or list package ids and \"{Promotion.CustomItem}\"");
        }

        foreach (var item in items)
        {
            var known = item == Promotion.CustomItem ? sellsCustomAmounts : packages.Any(p => p.PackageId == item);
            if (!known)
            {
                errors.Add($"{at}.appliesTo: '{item}' is not a package of the region{(sellsCustomAmounts ? $" nor \"{Promotion.CustomItem}\"" : string.Empty)}");
            }
        }

        return items.ToHashSet(StringComparer.Ordinal);
    }

    private static DateTimeOffset? Timestamp(string? text, string field, List<string> errors)
    {
        if (text is not null && TimestampPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add($"{field}: '{text}' must be an ISO 8601 instant with its offset, e.g. \"2026-03-01T00:00:00Z\"");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
