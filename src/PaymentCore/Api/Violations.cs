using PaymentCore.Errors;

namespace PaymentCore.Api;

/// <summary>Collects every bad field of a request, so the caller learns all of them at once.</summary>
public sealed class Violations
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
