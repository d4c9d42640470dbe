using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace PaymentCore.State;

/// <summary>Derives the digests that identify an idempotent request.</summary>
public static class IdempotencyScope
{
    /// <summary>Scope of a key: calling service + user + key, as one fixed-length digest.</summary>
    public static string KeyFor(string caller, string userId, string idempotencyKey) =>
        Digest(Encoding.UTF8.GetBytes($"{caller}\n{userId}\n{idempotencyKey}"));

    /// <summary>Scope of a key of a request made for no user (an operator's, e.g. IssueVouchers): calling service + key.</summary>
    public static string KeyFor(string caller, string idempotencyKey) =>
        Digest(Encoding.UTF8.GetBytes($"{caller}\n{idempotencyKey}"));

    /// <summary>
    /// Fingerprint of a request: the digest of its canonical protobuf encoding with the
    /// idempotency key cleared (protobuf's encoding of a message without maps is deterministic).
    /// </summary>
    public static string FingerprintOf<T>(T request, Action<T> clearKey)
        where T : IMessage<T>
    {
        var copy = request.Clone();
        clearKey(copy);
        return Digest(copy.ToByteArray());
    }

    private static string Digest(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
