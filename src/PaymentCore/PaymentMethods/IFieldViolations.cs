namespace PaymentCore.PaymentMethods;

/// <summary>
/// Where a payment method reports what is wrong with its part of a request, each problem named by
/// its proto path. The API's <c>Violations</c> collects them; this port keeps the payment methods
/// free of the API folder that reads from them.
/// </summary>
public interface IFieldViolations
{
    void Add(string field, string description);

    /// <summary>Checks a required text field: present, not too long, only printable ASCII; true if it passed.</summary>
    bool RequirePrintable(string field, string value, int maxLength);
}
