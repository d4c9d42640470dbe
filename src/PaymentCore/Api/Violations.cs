using Google.Protobuf.WellKnownTypes;
using PaymentCore.Catalog;
using PaymentCore.Errors;
using PaymentCore.PaymentMethods;

namespace PaymentCore.Api;

/// <summary>Collects every bad field of a request, so the caller learns all of them at once.</summary>
public sealed class Violations : IFieldViolations
{
    private const int MaxPrintable = '~';
    private readonly List<FieldViolation> _violations = [];

    public void Add(string field, string description) => _violations.Add(new FieldViolation(field, description));

    /// <summary>Throws INVALID_ARGUMENT with every violation collected, if there are any.</summary>
    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw PaymentCoreException.InvalidArgument(_violations);
        }
    }

    /// <summary>Checks a required text field: present, not too long, only printable ASCII; true if it passed.</summary>
    public bool RequirePrintable(string field, string value, int maxLength)
    {
        if (value.Length == 0)
        {
            Add(field, "is required");
            return false;
        }

        return OptionalPrintable(field, value, maxLength);
    }

    /// <summary>A region of the catalog snapshot <paramref name="catalog"/>, or null (and a violation) when the code names none.</summary>
    public RegionCatalog? RequireRegion(string field, string regionCode, CoinCatalog catalog)
    {
        if (regionCode.Length == 0)
        {
            Add(field, "is required");
            return null;
        }

        if (!catalog.TryGetRegion(regionCode, out var region))
        {
            Add(field, $"'{Excerpt(regionCode)}' is not a region of the catalog (known: {string.Join(", ", catalog.Regions.Select(r => r.RegionCode).Order())})");
            return null;
        }

        return region;
    }

    /// <summary>The instant of a timestamp field, or null (and a violation) when it is outside what a timestamp may hold.</summary>
    public DateTimeOffset? ValidTimestamp(string field, Timestamp value)
    {
        if (value.Seconds < -62135596800 || value.Seconds > 253402300799 || value.Nanos is < 0 or > 999_999_999)
        {
            Add(field, "is not a valid timestamp");
            return null;
        }

        return value.ToDateTimeOffset();
    }

    /// <summary>A value a caller sent, cut short to be quoted in a violation.</summary>
    public static string Excerpt(string value) => value.Length <= 32 ? value : value[..32] + "…";

    /// <summary>Checks an optional text field: empty, or not too long and only printable ASCII.</summary>
    public bool OptionalPrintable(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters, got {value.Length}");
            return false;
        }

        if (value.AsSpan().ContainsAnyExceptInRange(' ', (char)MaxPrintable))
        {
            Add(field, "must contain only printable ASCII characters");
            return false;
        }

        return true;
    }
}
