using System.ComponentModel.DataAnnotations;

namespace PaymentCore.State.Redis;

/// <summary>Section "Redis".</summary>
public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. "127.0.0.1:6379" or a list of cluster nodes.</summary>
    [Required]
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Prefix of every key, so several environments can share a Redis.</summary>
    [RegularExpression("^[a-z0-9_-]{1,32}$")]
    public string KeyPrefix { get; set; } = "pc";
}
