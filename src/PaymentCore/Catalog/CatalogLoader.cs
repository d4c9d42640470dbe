using System.Text.Json;
using System.Text.RegularExpressions;
using PaymentCore.Adapters;
using PaymentCore.Currencies;

namespace PaymentCore.Catalog;

/// <summary>
/// Reads a catalog file and validates all of it. Every problem is reported at once, each
/// naming the source, the region and the field, so an operator can fix the file in one go.
/// </summary>
public static partial class CatalogLoader
{
    public const string EmbeddedSource = "embedded demo catalog";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Dictionary<string, PaymentMethodType> MethodNames = new(StringComparer.Ordinal)
    {
        ["sandbox"] = PaymentMethodType.Sandbox,
        ["card"] = PaymentMethodType.Card,
        ["paypal"] = PaymentMethodType.PayPal,
        ["voucher"] = PaymentMethodType.Voucher,
    };

    public static CoinCatalog LoadEmbeddedDemo()
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("PaymentCore.demo-catalog.json")
            ?? throw new InvalidOperationException("The demo catalog is not embedded in the assembly.");
        return Load(stream, EmbeddedSource);
    }

    public static CoinCatalog LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static CoinCatalog Load(Stream json, string source)
    {
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new CatalogException(source, [$"not valid JSON: {e.Message}"]);
        }

        var errors = new List<string>();
        var regions = new List<RegionCatalog>();
        if (file?.Regions is not { Count: > 0 })
        {
            errors.Add("\"regions\" is missing or empty");
        }
        else
        {
            for (var i = 0; i < file.Regions.Count; i++)
            {
                var region = ValidateRegion(file.Regions[i], $"regions[{i}]", errors);
                if (region is not null)
                {
                    if (regions.Any(r => r.RegionCode == region.RegionCode))
                    {
                        errors.Add($"region {region.RegionCode}: defined twice");
                    }

                    regions.Add(region);
                }
            }
        }

        return errors.Count == 0 ? new CoinCatalog(regions, source) : throw new CatalogException(source, errors);
    }

    public static IReadOnlyDictionary<string, PaymentMethodType> PaymentMethodNames => MethodNames;

    private static RegionCatalog? ValidateRegion(RegionFile region, string path, List<string> errors)
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

        TaxDisplayMode taxDisplay = default;
        switch (region.TaxDisplay)
        {
            case "inclusive": taxDisplay = TaxDisplayMode.Inclusive; break;
            case "exclusive": taxDisplay = TaxDisplayMode.Exclusive; break;
            default: errors.Add($"{where}, taxDisplay: '{region.TaxDisplay}' must be \"inclusive\" or \"exclusive\""); break;
        }

        var packages = new List<CoinPackageOffer>();
        if (region.Packages is not { Count: > 0 })
        {
            errors.Add($"{where}, packages: at least one package is required");
        }
        else
        {
            for (var i = 0; i < region.Packages.Count; i++)
            {
                var offer = ValidatePackage(region.Packages[i], currency, $"{where}, packages[{i}]", errors);
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
        }

        var gatewaysByMethod = new Dictionary<PaymentMethodType, IReadOnlyList<string>>();
        foreach (var (methodName, gateways) in region.PaymentMethods ?? [])
        {
            if (!MethodNames.TryGetValue(methodName, out var method))
            {
                errors.Add($"{where}, paymentMethods.{methodName}: unknown method (known: {string.Join(", ", MethodNames.Keys)})");
            }
            else if (gateways is not { Count: > 0 } || gateways.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{where}, paymentMethods.{methodName}: list one or more gateway names");
            }
            else
            {
                gatewaysByMethod[method] = gateways;
            }
        }

        if (gatewaysByMethod.Count == 0)
        {
            errors.Add($"{where}, paymentMethods: at least one payment method is required");
        }

        return errors.Count == before
            ? new RegionCatalog(code, currency, taxDisplay, packages.OrderBy(p => p.Price.MinorUnits).ToList(), gatewaysByMethod)
            : null;
    }

    private static CoinPackageOffer? ValidatePackage(PackageFile package, string currency, string where, List<string> errors)
    {
        var before = errors.Count;
        var id = package.PackageId ?? string.Empty;
        if (!PackageIdPattern().IsMatch(id))
        {
            errors.Add($"{where}.packageId: '{id}' must be 1-64 characters of [a-z0-9_]");
        }

        if (package.Coins is not > 0)
        {
            errors.Add($"{where}.coins: must be a positive whole number");
        }

        if (package.BonusCoins is < 0)
        {
            errors.Add($"{where}.bonusCoins: must not be negative");
        }

        Money price = default;
        if (package.Price is null)
        {
            errors.Add($"{where}.price: required, as a decimal string in {currency}");
        }
        else if (!MoneyText.TryParse(package.Price, currency, CurrencyTable.Iso4217, out price, out var priceError))
        {
            errors.Add($"{where}.price: {priceError}");
        }
        else if (price.MinorUnits <= 0)
        {
            errors.Add($"{where}.price: must be greater than zero");
        }

        return errors.Count == before ? new CoinPackageOffer(id, package.Coins!.Value, package.BonusCoins ?? 0, price) : null;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex RegionCodePattern();

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex PackageIdPattern();

    private sealed record CatalogFile(List<RegionFile>? Regions);

    private sealed record RegionFile(
        string? RegionCode,
        string? Currency,
        string? TaxDisplay,
        List<PackageFile>? Packages,
        Dictionary<string, List<string>>? PaymentMethods);

    private sealed record PackageFile(string? PackageId, long? Coins, long? BonusCoins, string? Price);
}

/// <summary>A catalog that cannot be used, with every problem found in it.</summary>
public sealed class CatalogException(string source, IReadOnlyList<string> problems)
    : Exception($"Catalog {source} is invalid:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
