namespace PaymentCore.Errors;

/// <summary>
/// What kind of refusal a <see cref="PaymentCoreException"/> is, in the domain's words; the API's
/// error interceptor maps each to its gRPC status code (names follow google.rpc.Code).
/// </summary>
public enum ErrorKind
{
    /// <summary>The request is malformed; retrying it unchanged cannot succeed.</summary>
    InvalidArgument,

    /// <summary>What the request names does not exist.</summary>
    NotFound,

    /// <summary>The request is well formed but the state it needs does not hold (a recharge not refundable, a quote expired).</summary>
    FailedPrecondition,

    /// <summary>Another request holds what this one needs; the same request retried shortly can succeed.</summary>
    Aborted,

    /// <summary>A limit or quota is used up; retrying after the given delay can succeed.</summary>
    ResourceExhausted,

    /// <summary>A dependency (the store, a gateway) did not answer; nothing was changed, retrying can succeed.</summary>
    Unavailable,

    /// <summary>The caller is not authenticated.</summary>
    Unauthenticated,

    /// <summary>The caller may not make this call.</summary>
    PermissionDenied,

    /// <summary>A fault of PaymentCore's own.</summary>
    Internal,
}
