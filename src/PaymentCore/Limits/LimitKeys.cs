using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Limits;

/// <summary>
/// Names of the counted things. A user's key keeps the user id readable, because the store
/// puts it in the user's shard next to the user's budget; other keys are digests, so raw IPs,
/// device ids and instrument tokens never appear in Redis.
/// </summary>
public static class LimitKeys
{
    private const string UserPrefix = "user:";

    public static string User(string userId) => UserPrefix + userId;

    public static string Instrument(string fingerprint) => "instrument:" + Digest(fingerprint);

    public static string Ip(string ipAddress) => "ip:" + Digest(ipAddress);

    public static string Device(string deviceId) => "device:" + Digest(deviceId);

    public static bool TryGetUser(string key, out string userId)
    {
        var isUser = key.StartsWith(UserPrefix, StringComparison.Ordinal);
        userId = isUser ? key[UserPrefix.Length..] : string.Empty;
        return isUser;
    }

    private static string Digest(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
