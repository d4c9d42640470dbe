using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Api;

/// <summary>
/// Section "RateLimiting": how many gRPC calls each calling service may make per window,
/// separate from the users' velocity limits. Protects the service and Redis from one runaway caller.
/// </summary>
public sealed class ApiRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Calls each caller may make in one <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
