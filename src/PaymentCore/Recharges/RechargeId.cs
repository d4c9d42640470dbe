using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PaymentCore.Recharges;

/// <summary>
/// Recharge ids and user shards. A recharge id is "rch_" + the user's shard (2 hex digits) + a
/// time-ordered UUIDv7 (32 hex digits): the shard in the id lets the store find a recharge's
/// hash slot from the id alone, with no global index.
/// </summary>
public static class RechargeId
{
    /// <summary>Fixed forever: ids embed the shard, so changing it would orphan stored data.</summary>
    public const int ShardCount = 64;

    private const string Prefix = "rch_";
    private const int Length = 4 + 2 + 32;

    /// <summary>
    /// The last user's shard on this thread: one request derives it for every key of the user's shard
    /// it touches (about ten per recharge), each a SHA-256 otherwise.
    /// </summary>
    [ThreadStatic]
    private static (string UserId, int Shard)? t_lastShard;

    public static int ShardOf(string userId)
    {
        if (t_lastShard is { } last && string.Equals(last.UserId, userId, StringComparison.Ordinal))
        {
            return last.Shard;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        var shard = hash[0] % ShardCount;
        t_lastShard = (userId, shard);
        return shard;
    }

    public static string New(string userId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{ShardOf(userId):x2}{Guid.CreateVersion7(now):N}");

    public static bool TryParseShard(string rechargeId, out int shard)
    {
        shard = 0;
        return rechargeId.Length == Length
            && rechargeId.StartsWith(Prefix, StringComparison.Ordinal)
            && rechargeId.AsSpan(Prefix.Length).ContainsOnlyLowerHex()
            && int.TryParse(rechargeId.AsSpan(Prefix.Length, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out shard)
            && shard < ShardCount;
    }

    private static bool ContainsOnlyLowerHex(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is < 'a' or > 'f')
            {
                return false;
            }
        }

        return true;
    }
}
