using Google.Protobuf;
using PaymentCore.State;

namespace PaymentCore.Api;

/// <summary>What makes two requests under one idempotency key the same request.</summary>
public static class RequestFingerprint
{
    /// <summary>
    /// The digest of the request's canonical protobuf encoding with the idempotency key cleared
    /// (protobuf's encoding of a message without maps is deterministic).
    /// </summary>
    public static string Of<T>(T request, Action<T> clearKey)
        where T : IMessage<T>
    {
        var copy = request.Clone();
        clearKey(copy);
        return IdempotencyScope.Digest(copy.ToByteArray());
    }
}
