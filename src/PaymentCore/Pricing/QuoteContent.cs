using System.Text.Json.Serialization;

namespace PaymentCore.Pricing;

/// <summary>
/// What a quote locks, as signed into its id: who may use it where, what they get for which price,
/// and until when. Amounts are minor units of <see cref="Currency"/>.
/// </summary>
/// <param name="PackageId">The package quoted; null for a custom amount.</param>
/// <param name="ExpiresAt">Unix milliseconds: from this instant CreateRecharge refuses the quote.</param>
public sealed record QuoteContent(
    string UserId,
    string RegionCode,
    string Currency,
    long Price,
    long Coins,
    long BonusCoins,
    string? PackageId,
    IReadOnlyList<string> PromotionIds,
    long ExpiresAt);

/// <summary>Quote contents as JSON, source-generated; the signature covers the exact bytes written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QuoteContent))]
internal sealed partial class QuoteJson : JsonSerializerContext;
