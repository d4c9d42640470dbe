using PaymentCore.Api.V1;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Builders of valid requests, each test changing only what it is about.</summary>
public static class Requests
{
    public static CreateRechargeRequest Create(
        string token = "sandbox_ok",
        string? user = null,
        string region = "US",
        string package = "coins_500",
        string? key = null) => new()
        {
            IdempotencyKey = key ?? Guid.NewGuid().ToString(),
            UserId = user ?? "user-" + Guid.NewGuid().ToString("N")[..12],
            RegionCode = region,
            PackageId = package,
            PaymentMethod = new PaymentMethod { Sandbox = new SandboxMethod { Token = token } },
        };
}
