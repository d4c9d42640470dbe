using Google.Protobuf.WellKnownTypes;
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

    /// <summary>The consent text version the saving requests of the tests were agreed to.</summary>
    public const string SaveConsent = "2026-11-one-click";

    /// <summary>A CreateRecharge paying with <paramref name="method"/> and keeping it once it succeeds.</summary>
    public static CreateRechargeRequest Saving(string user, PaymentMethod method)
    {
        var request = Create(user: user);
        request.PaymentMethod = method;
        request.SaveInstrument = new SaveInstrument { ConsentVersion = SaveConsent };
        return request;
    }

    /// <summary>A CreateRecharge of coins_500 in US paid with one of the user's saved instruments.</summary>
    public static CreateRechargeRequest PayWithSaved(string user, string instrumentId)
    {
        var request = Create(user: user);
        request.PaymentMethod = new PaymentMethod { Saved = new SavedMethod { InstrumentId = instrumentId } };
        return request;
    }

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

    /// <summary>A CreateRecharge paying for a package with a voucher code.</summary>
    public static CreateRechargeRequest BuyWithVoucher(string code, string region = "US", string package = "coins_500", string? user = null)
    {
        var request = Create(user: user, region: region, package: package);
        request.PaymentMethod = new PaymentMethod { Voucher = new VoucherMethod { Code = code } };
        return request;
    }

    /// <summary>An IssueVouchers of vouchers worth the demo catalog's US coins_500 (4.99 USD), valid for 30 days.</summary>
    public static IssueVouchersRequest IssueVouchers(int count = 3, string? key = null) => new()
    {
        IdempotencyKey = key ?? Guid.NewGuid().ToString(),
        Count = count,
        Value = new Money { Currency = "USD", MinorUnits = 499 },
        RegionCode = "US",
        ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        RequestedBy = "ops@example.com",
        Reason = "spring campaign",
    };

    public static string NewUser(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
