using System.Security.Cryptography;
using System.Text;

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

    /// <summary>The digest every scope and fingerprint is: SHA-256, lower-case hex.</summary>
    public static string Digest(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
