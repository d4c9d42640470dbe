using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentCore.Adapters;
using PaymentCore.PaymentMethods;

namespace PaymentCore.Catalog;

/// <summary>
/// Reads a catalog file and validates all of it. Every problem is reported at once, each
/// naming the source, the region and the field, so an operator can fix the file in one go.
/// The format is described in docs/catalog.md ("Defining a region").
/// </summary>
public static class CatalogLoader
{
    public const string EmbeddedSource = "embedded demo catalog";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The catalog's names of the payment methods ("card", "wechat_pay"), in the registry's order.</summary>
    public static IReadOnlyDictionary<string, PaymentMethodType> PaymentMethodNames { get; } =
        PaymentMethodRegistry.Default.All.ToDictionary(e => e.Name, e => e.Type, StringComparer.Ordinal);

    /// <summary>The catalog's name of a method ("card", "wechat_pay"): in errors, fraud facts and limit tiers.</summary>
    public static string MethodName(PaymentMethodType method) => PaymentMethodRegistry.Default[method].Name;

    public static CoinCatalog LoadEmbeddedDemo()
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("PaymentCore.demo-catalog.json")
            ?? throw new InvalidOperationException("The demo catalog is not embedded in the assembly.");
        return Load(stream, EmbeddedSource);
    }

    public static CoinCatalog LoadFile(string path) => Load(File.ReadAllBytes(path), path);

    public static CoinCatalog Load(Stream json, string source)
    {
        using var buffer = new MemoryStream();
        json.CopyTo(buffer);
        return Load(buffer.ToArray(), source);
    }

    public static CoinCatalog Load(byte[] json, string source)
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
            // Regions with explicit price points first: a derived region reads its base region's packages.
            var explicitFirst = Enumerable.Range(0, file.Regions.Count).OrderBy(i => file.Regions[i].DerivePrices is null ? 0 : 1);
            var explicitRegions = new List<RegionCatalog>();
            foreach (var i in explicitFirst)
            {
                var region = RegionReader.Read(file.Regions[i], $"regions[{i}]", explicitRegions, errors);
                if (region is null)
                {
                    continue;
                }

                if (regions.Any(r => r.RegionCode == region.RegionCode))
                {
                    errors.Add($"region {region.RegionCode}: defined twice");
                }

                regions.Add(region);
                if (file.Regions[i].DerivePrices is null)
                {
                    explicitRegions.Add(region);
                }
            }

            PromotionReader.CheckIdsUniqueAcrossRegions(regions, errors);
        }

        return errors.Count == 0 ? new CoinCatalog(regions, source, VersionOf(json)) : throw new CatalogException(source, errors);
    }

    /// <summary>A short digest of the file's bytes, naming a catalog in log lines.</summary>
    public static string VersionOf(byte[] json) => Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 6));
}

/// <summary>A catalog that cannot be used, with every problem found in it.</summary>
public sealed class CatalogException(string source, IReadOnlyList<string> problems)
    : Exception($"Catalog {source} is invalid:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
