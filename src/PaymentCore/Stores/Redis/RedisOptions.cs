using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Stores.Redis;

/// <summary>Section "Redis".</summary>
public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. "127.0.0.1:6379" or a list of cluster nodes.</summary>
    [Required]
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Prefix of every key, so several environments can share a Redis; the mode follows it ("pc:live:…").</summary>
    [RegularExpression("^[a-z0-9_-]{1,32}$")]
    public string KeyPrefix { get; set; } = "pc";

    /// <summary>
    /// Start even though the store was last written by a process of the other mode, and mark it with
    /// this one's (<see cref="StoreModeMarker"/>). Off: such a start is refused.
    /// </summary>
    public bool AllowModeSwitch { get; set; }
}
