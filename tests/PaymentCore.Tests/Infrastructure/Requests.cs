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

    /// <summary>A CreateRecharge buying <paramref name="quoteId"/>.</summary>
    public static CreateRechargeRequest BuyQuote(string quoteId, string user, string region = "US", string token = "sandbox_ok")
    {
        var request = Create(token, user, region);
        request.QuoteId = quoteId;
        return request;
    }

    /// <summary>A CreateRecharge buying a custom number of coins.</summary>
    public static CreateRechargeRequest BuyCustom(long coins, string region = "US", string? user = null)
    {
        var request = Create(user: user, region: region);
        request.CustomCoins = coins;
        return request;
    }

    public static QuoteRechargeRequest Quote(string user, string region = "US", string package = "coins_500", string promoCode = "") => new()
    {
        UserId = user,
        RegionCode = region,
        PackageId = package,
        PromoCode = promoCode,
    };

    public static string NewUser(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
