using System.Xml;
using PaymentCore.Errors;

namespace PaymentCore.Limits;

/// <summary>The refusals of the limits, as domain errors (the error interceptor makes them gRPC statuses).</summary>
public static class LimitErrors
{
    public static PaymentCoreException Exceeded(LimitBreach breach) => new(
        ErrorKind.ResourceExhausted,
        ErrorReasons.LimitExceeded,
        $"The recharge would exceed the limit '{breach.Rule.Name}'. Try again later or with a smaller amount.",
        metadata: new Dictionary<string, string>
        {
            ["limit"] = breach.Rule.Name,
            ["window"] = XmlConvert.ToString(breach.Rule.Window),
            ["dimension"] = breach.Rule.Dimension.ToString().ToLowerInvariant(),
        },
        retryAfter: breach.RetryAfter);
}
