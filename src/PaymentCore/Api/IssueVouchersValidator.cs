using PaymentCore.Api.V1;
using PaymentCore.Catalog;
using PaymentCore.Recharges;
using PaymentCore.Vouchers;

namespace PaymentCore.Api;

/// <summary>Validates IssueVouchers completely; every problem becomes a field violation named by its proto path.</summary>
public sealed class IssueVouchersValidator(CatalogSource catalog, TimeProvider time)
{
    public const int MaxCount = 1000;
    public const int MaxRequestedByLength = 128;

    /// <summary>A voucher above this (10^12 minor units) is not a voucher, it is a typo.</summary>
    public const long MaxValueMinorUnits = 1_000_000_000_000;

    /// <summary>Ten years: longer than any law asks a prepaid card to stay valid, short enough to be a date someone chose.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(3653);

    public IssueVouchersCommand Validate(IssueVouchersRequest request, string caller)
    {
        var violations = new Violations();
        violations.RequirePrintable("idempotency_key", request.IdempotencyKey, RechargeRequestValidator.MaxIdempotencyKeyLength);
        if (request.Count is < 1 or > MaxCount)
        {
            violations.Add("count", $"must be between 1 and {MaxCount}");
        }

        var region = violations.RequireRegion("region_code", request.RegionCode, catalog.Current);
        Value(violations, request.Value, region);
        var expiresAt = ExpiresAt(violations, request.ExpiresAt);
        violations.RequirePrintable("requested_by", request.RequestedBy, MaxRequestedByLength);
        violations.RequirePrintable("reason", request.Reason, RechargeRequestValidator.MaxReasonLength);
        violations.ThrowIfAny();
        var fingerprint = RequestFingerprint.Of(request, r => r.IdempotencyKey = string.Empty);
        return new IssueVouchersCommand(
            new IdempotentRequest(caller, request.IdempotencyKey, fingerprint),
            request.Count,
            new Adapters.Money(request.Value.Currency, request.Value.MinorUnits),
            region!.RegionCode,
            expiresAt!.Value,
            request.RequestedBy,
            request.Reason);
    }

    private static void Value(Violations violations, Api.V1.Money? value, RegionCatalog? region)
    {
        if (value is null)
        {
            violations.Add("value", "is required");
            return;
        }

        // Minor units mean what the region's currency's exponent says, so only that currency will do.
        if (region is not null && value.Currency != region.Currency)
        {
            violations.Add("value.currency", $"must be {region.Currency}, the currency of region {region.RegionCode}");
        }

        if (value.MinorUnits is <= 0 or > MaxValueMinorUnits)
        {
            violations.Add("value.minor_units", $"must be between 1 and {MaxValueMinorUnits}");
        }
    }

    private DateTimeOffset? ExpiresAt(Violations violations, Google.Protobuf.WellKnownTypes.Timestamp? value)
    {
        if (value is null)
        {
            violations.Add("expires_at", "is required");
            return null;
        }

        var expiresAt = violations.ValidTimestamp("expires_at", value);
        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            violations.Add("expires_at", "must be in the future");
        }
        else if (expiresAt > now + MaxValidity)
        {
            violations.Add("expires_at", $"must be at most {MaxValidity.Days} days ahead");
        }

        return expiresAt;
    }
}
