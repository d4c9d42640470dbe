using System.Text.RegularExpressions;
using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>Validates one region of a catalog file; every problem names the region and the field.</summary>
internal static partial class RegionReader
{
    /// <summary>More coins than this in one custom purchase is a typo in the catalog, not an offer.</summary>
    public const long MaxCustomCoins = 1_000_000_000;

    /// <param name="path">Where the region is in the file, e.g. "regions[2]", for a region without a valid code.</param>
    /// <param name="explicitRegions">Regions with explicit price points read so far: the bases a derived region may name.</param>
    public static RegionCatalog? Read(RegionFile region, string path, IReadOnlyList<RegionCatalog> explicitRegions, List<string> errors)
    {
        var before = errors.Count;
        var code = region.RegionCode ?? string.Empty;
        if (!RegionCodePattern().IsMatch(code))
        {
            errors.Add($"{path}.regionCode: '{code}' is not a two-letter upper-case region code");
            return null;
        }

        var where = $"region {code}";
        var currency = region.Currency ?? string.Empty;
        if (!CurrencyTable.Iso4217.TryGetExponent(currency, out _))
        {
            errors.Add($"{where}, currency: '{currency}' is not an active ISO 4217 currency");
            return null;
        }

        var taxDisplay = TaxDisplay(region.TaxDisplay, where, errors);
        var taxRate = TaxRate(region.TaxRate, taxDisplay, where, errors);
        var (packages, baseRegion, derivation) = region.DerivePrices is null
            ? (Packages(region.Packages, currency, where, errors), null, null)
            : Derived(region, currency, explicitRegions, where, errors);
        var customCoins = region.CustomCoins is null
            ? DerivedCustomCoins(baseRegion, derivation, currency, where, errors)
            : CustomCoins(region.CustomCoins, currency, where, errors);
        var gateways = GatewaysByMethod(region.PaymentMethods, where, errors);
        var promotions = PromotionReader.Read(region.Promotions, currency, packages, customCoins is not null, where, errors);

        return errors.Count == before
            ? new RegionCatalog(code, currency, taxDisplay, packages.OrderBy(p => p.Price.MinorUnits).ToList(), gateways)
            {
                TaxRatePercent = taxRate,
                CustomCoins = customCoins,
                Promotions = promotions,
            }
            : null;
    }

    private static TaxDisplayMode TaxDisplay(string? text, string where, List<string> errors)
    {
        switch (text)
        {
            case "inclusive": return TaxDisplayMode.Inclusive;
            case "exclusive": return TaxDisplayMode.Exclusive;
            default:
                errors.Add($"{where}, taxDisplay: '{text}' must be \"inclusive\" or \"exclusive\"");
                return default;
        }
    }

    private static DecimalRatio? TaxRate(string? text, TaxDisplayMode display, string where, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (display != TaxDisplayMode.Inclusive)
        {
            // Tax-exclusive prices get their tax added at checkout, where the buyer's address is known.
            errors.Add($"{where}, taxRate: only a tax-inclusive region states the tax rate its prices contain");
            return null;
        }

        if (!DecimalRatio.TryParse(text, out var rate, out var error))
        {
            errors.Add($"{where}, taxRate: {error}");
            return null;
        }

        if ((Int128)rate.Numerator > (Int128)rate.Denominator * 100)
        {
            errors.Add($"{where}, taxRate: '{text}' is a percentage and must be at most 100");
            return null;
        }

        return rate;
    }

    private static List<CoinPackageOffer> Packages(List<PackageFile>? files, string currency, string where, List<string> errors)
    {
        var packages = new List<CoinPackageOffer>();
        if (files is not { Count: > 0 })
        {
            errors.Add($"{where}, packages: at least one package is required (or derivePrices)");
            return packages;
        }

        for (var i = 0; i < files.Count; i++)
        {
            var offer = Package(files[i], currency, $"{where}, packages[{i}]", errors);
            if (offer is null)
            {
                continue;
            }

            if (packages.Any(p => p.PackageId == offer.PackageId))
            {
                errors.Add($"{where}, packages[{i}].packageId: '{offer.PackageId}' is defined twice");
            }

            packages.Add(offer);
        }

        return packages;
    }

    private static CoinPackageOffer? Package(PackageFile package, string currency, string where, List<string> errors)
    {
        var before = errors.Count;
        var id = package.PackageId ?? string.Empty;
        if (!IdPattern().IsMatch(id))
        {
            errors.Add($"{where}.packageId: '{id}' must be 1-64 characters of [a-z0-9_]");
        }
        else if (id == Promotion.CustomItem)
        {
            errors.Add($"{where}.packageId: '{id}' is reserved: promotions use it for custom amounts");
        }

        if (package.Coins is not > 0)
        {
            errors.Add($"{where}.coins: must be a positive whole number");
        }

        if (package.BonusCoins is < 0)
        {
            errors.Add($"{where}.bonusCoins: must not be negative");
        }

        var price = CatalogAmounts.Read(package.Price, currency, $"{where}.price", errors);
        return errors.Count == before ? new CoinPackageOffer(id, package.Coins!.Value, package.BonusCoins ?? 0, price!.Value) : null;
    }

    private static (List<CoinPackageOffer> Packages, RegionCatalog? Base, PriceDerivation? Derivation) Derived(
        RegionFile region, string currency, IReadOnlyList<RegionCatalog> explicitRegions, string where, List<string> errors)
    {
        var at = $"{where}, derivePrices";
        var derive = region.DerivePrices!;
        if (region.Packages is not null)
        {
            errors.Add($"{where}, packages: a region sets either packages or derivePrices, not both");
        }

        var baseRegion = explicitRegions.FirstOrDefault(r => r.RegionCode == derive.FromRegion);
        if (baseRegion is null)
        {
            errors.Add($"{at}.fromRegion: '{derive.FromRegion}' is not a valid region with explicit price points in this catalog");
        }

        DecimalRatio rate = default;
        if (derive.ExchangeRate is null)
        {
            errors.Add($"{at}.exchangeRate: required, {currency} per unit of the base region's currency, e.g. \"17.25\"");
        }
        else if (!DecimalRatio.TryParse(derive.ExchangeRate, out rate, out var error))
        {
            errors.Add($"{at}.exchangeRate: {error}");
        }
        else if (rate.IsZero)
        {
            errors.Add($"{at}.exchangeRate: must be greater than zero");
        }

        var step = derive.PriceStep is null ? 1 : CatalogAmounts.Read(derive.PriceStep, currency, $"{at}.priceStep", errors)?.MinorUnits;
        var ending = derive.PriceEnding is null ? 0 : CatalogAmounts.Read(derive.PriceEnding, currency, $"{at}.priceEnding", errors, allowZero: true)?.MinorUnits;
        if (step is not null && ending >= step)
        {
            errors.Add($"{at}.priceEnding: '{derive.PriceEnding}' must be less than priceStep (which is one minor unit when not set)");
            return ([], null, null);
        }

        if (baseRegion is null || rate.IsZero || step is null || ending is null)
        {
            return ([], null, null);
        }

        var derivation = new PriceDerivation(baseRegion.RegionCode, rate, step.Value, ending.Value);
        var packages = new List<CoinPackageOffer>();
        foreach (var package in baseRegion.Packages)
        {
            try
            {
                packages.Add(package with { Price = derivation.Derive(package.Price, currency, CurrencyTable.Iso4217) });
            }
            catch (OverflowException)
            {
                errors.Add($"{at}: the derived price of package '{package.PackageId}' does not fit in {currency} minor units");
            }
        }

        return (packages, baseRegion, derivation);
    }

    /// <summary>
    /// A derived region without custom amounts of its own sells the base region's at the converted
    /// rate, rounded up but not made nice: it is a rate, not a price tag.
    /// </summary>
    private static CustomCoinsOffer? DerivedCustomCoins(
        RegionCatalog? baseRegion, PriceDerivation? derivation, string currency, string where, List<string> errors)
    {
        if (baseRegion?.CustomCoins is not { } custom || derivation is null)
        {
            return null;
        }

        try
        {
            var derived = custom with { PricePer100Coins = new Money(currency, derivation.Convert(custom.PricePer100Coins, currency, CurrencyTable.Iso4217)) };
            derived.PriceOf(derived.MaxCoins);
            return derived;
        }
        catch (OverflowException)
        {
            errors.Add($"{where}, derivePrices: the derived price of {custom.MaxCoins} custom coins does not fit in {currency} minor units");
            return null;
        }
    }

    private static CustomCoinsOffer? CustomCoins(CustomCoinsFile custom, string currency, string where, List<string> errors)
    {
        var before = errors.Count;
        var at = $"{where}, customCoins";
        if (custom.Min is not > 0)
        {
            errors.Add($"{at}.min: must be a positive whole number");
        }

        if (custom.Max is not { } max || max < (custom.Min ?? 1) || max > MaxCustomCoins)
        {
            errors.Add($"{at}.max: must be a whole number from min to {MaxCustomCoins}");
        }

        var pricePer100 = CatalogAmounts.Read(custom.PricePer100Coins, currency, $"{at}.pricePer100Coins", errors);
        if (errors.Count != before)
        {
            return null;
        }

        var offer = new CustomCoinsOffer(custom.Min!.Value, custom.Max!.Value, pricePer100!.Value);
        try
        {
            offer.PriceOf(offer.MaxCoins);
            return offer;
        }
        catch (OverflowException)
        {
            errors.Add($"{at}.max: the price of {offer.MaxCoins} coins does not fit in {currency} minor units");
            return null;
        }
    }

    private static Dictionary<PaymentMethodType, IReadOnlyList<string>> GatewaysByMethod(
        Dictionary<string, List<string>>? methods, string where, List<string> errors)
    {
        var gatewaysByMethod = new Dictionary<PaymentMethodType, IReadOnlyList<string>>();
        foreach (var (methodName, gateways) in methods ?? [])
        {
            if (!CatalogLoader.PaymentMethodNames.TryGetValue(methodName, out var method))
            {
                errors.Add($"{where}, paymentMethods.{methodName}: unknown method (known: {string.Join(", ", CatalogLoader.PaymentMethodNames.Keys)})");
            }
            else if (gateways is not { Count: > 0 } || gateways.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{where}, paymentMethods.{methodName}: list one or more gateway names");
            }
            else if (gateways.FirstOrDefault(g => !KnownGateways.Names.Contains(g)) is { } unknown)
            {
                errors.Add($"{where}, paymentMethods.{methodName}: gateway '{unknown}' is not a known gateway (known: {string.Join(", ", KnownGateways.Names)})");
            }
            else
            {
                gatewaysByMethod[method] = gateways;
            }
        }

        if (methods is not { Count: > 0 })
        {
            errors.Add($"{where}, paymentMethods: at least one payment method is required");
        }

        return gatewaysByMethod;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex RegionCodePattern();

    /// <summary>Package and promotion ids.</summary>
    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    internal static partial Regex IdPattern();
}
