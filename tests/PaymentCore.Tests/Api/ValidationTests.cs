using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>Bad input of every shape: INVALID_ARGUMENT naming the field, nothing stored, nothing charged.</summary>
public abstract class ValidationTests(PaymentCoreServer server)
{
    public static TheoryData<string, string> BadCreateRequests => new()
    {
        { "missing idempotency key", "idempotency_key" },
        { "idempotency key of 256 characters", "idempotency_key" },
        { "idempotency key with a control character", "idempotency_key" },
        { "missing user", "user_id" },
        { "user with spaces", "user_id" },
        { "user of 129 characters", "user_id" },
        { "missing region", "region_code" },
        { "unknown region", "region_code" },
        { "lower-case region", "region_code" },
        { "unknown package", "package_id" },
        { "empty package", "package_id" },
        { "no item", "item" },
        { "custom coins below the region's minimum", "custom_coins" },
        { "custom coins above the region's maximum", "custom_coins" },
        { "empty quote id", "quote_id" },
        { "quote id with a control character", "quote_id" },
        { "no payment method", "payment_method" },
        { "unknown sandbox token", "payment_method.sandbox.token" },
        { "empty card token", "payment_method.card.gateway_token" },
        { "paypal with http return url", "payment_method.paypal.return_url" },
        { "paypal without cancel url", "payment_method.paypal.cancel_url" },
        { "short voucher code", "payment_method.voucher.code" },
        { "local wallet without a wallet", "payment_method.local_wallet.wallet" },
        { "unknown local wallet", "payment_method.local_wallet.wallet" },
        { "alipay without return url", "payment_method.local_wallet.return_url" },
        { "wechat pay with http return url", "payment_method.local_wallet.return_url" },
        { "malformed ip", "risk.ip_address" },
        { "unknown verification level", "risk.verification_level" },
        { "account created in the future", "risk.account_created_at" },
        { "whole e-mail address", "risk.email_domain" },
        { "lower-case ip country", "risk.ip_country" },
    };

    [Theory]
    [MemberData(nameof(BadCreateRequests))]
    public async Task CreateRecharge_BadField_IsInvalidArgumentNamingTheField(string problem, string field)
    {
        var request = BadRequest(problem);
        var chargesBefore = server.Sandbox.ChargeCount;

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.CreateRechargeAsync(request).ResponseAsync);

        Assert.Contains(field, RpcAssert.ViolatedFields(status));
        Assert.Equal(chargesBefore, server.Sandbox.ChargeCount);
        if (request.UserId.Length > 0)
        {
            var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = "probe-user" });
            Assert.Empty(page.Recharges);
        }
    }

    [Fact]
    public async Task CreateRecharge_ManyBadFields_AreAllReportedAtOnce()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.CreateRechargeAsync(new CreateRechargeRequest()).ResponseAsync);

        Assert.Equal(
            ["idempotency_key", "user_id", "region_code", "item", "payment_method"],
            RpcAssert.ViolatedFields(status));
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("card 5555-5555-5555-4444 here")]
    public async Task CreateRecharge_CardNumberInAnyField_IsRejected(string pan)
    {
        var request = Requests.Create();
        request.Risk = new RiskContext { DeviceId = pan };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "CARD_DATA_REJECTED", () =>
            server.Recharges.CreateRechargeAsync(request).ResponseAsync);

        Assert.Equal(["risk.device_id"], RpcAssert.ViolatedFields(status));
    }

    [Theory]
    [InlineData("+4242424242424242")]
    [InlineData("4111111111111111")]
    [InlineData("+4111 1111 1111 1111")]
    public async Task CreateRecharge_CardNumberAsThePhoneNumber_IsRejected(string pan)
    {
        var request = Requests.Create(region: "DE");
        request.PaymentMethod = new PaymentMethod { CarrierBilling = new CarrierBillingMethod { PhoneNumber = pan } };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "CARD_DATA_REJECTED", () =>
            server.Recharges.CreateRechargeAsync(request).ResponseAsync);

        Assert.Equal(["payment_method.carrier_billing.phone_number"], RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task CreateRecharge_PhoneNumberThatPassesLuhn_IsAPhoneNumber_NotACard()
    {
        var request = Requests.Create(region: "DE");
        // 4915112345678 passes the Luhn check, as about one number in ten does.
        request.PaymentMethod = new PaymentMethod { CarrierBilling = new CarrierBillingMethod { PhoneNumber = "+4915112345678" } };

        var recharge = (await server.Recharges.CreateRechargeAsync(request)).Recharge;

        Assert.Equal(RechargeStatus.RequiresAction, recharge.Status);
    }

    [Theory]
    [InlineData("015112345678")]
    [InlineData("+49 151 12345678")]
    [InlineData("+0151123")]
    [InlineData("")]
    public async Task CreateRecharge_PhoneNumberNotInE164_IsAFieldViolation_WithoutTheValue(string phone)
    {
        var request = Requests.Create(region: "DE");
        request.PaymentMethod = new PaymentMethod { CarrierBilling = new CarrierBillingMethod { PhoneNumber = phone } };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.CreateRechargeAsync(request).ResponseAsync);

        Assert.Equal(["payment_method.carrier_billing.phone_number"], RpcAssert.ViolatedFields(status));
        Assert.True(phone.Length == 0 || !status.ToString().Contains(phone, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12 34")]
    [InlineData("12345678901234567")]
    [InlineData("１２３")]
    public async Task ConfirmRecharge_MalformedOtp_IsAFieldViolation(string otp)
    {
        var waiting = (await server.Recharges.CreateRechargeAsync(Requests.Create(token: "sandbox_3ds"))).Recharge;
        var confirm = new ConfirmRechargeRequest { IdempotencyKey = "k", RechargeId = waiting.RechargeId, Otp = otp };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.ConfirmRechargeAsync(confirm).ResponseAsync);

        Assert.Equal(["otp"], RpcAssert.ViolatedFields(status));
    }

    [Theory]
    [InlineData("")]
    [InlineData("rch_123")]
    [InlineData("RCH_0000000000000000000000000000000000")]
    [InlineData("rch_ff00000000000000000000000000000000")]
    public async Task GetRecharge_MalformedId_IsInvalidArgument(string rechargeId)
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = rechargeId }).ResponseAsync);

        Assert.Equal(["recharge_id"], RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task ConfirmRecharge_MissingEverything_NamesBothFields()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest()).ResponseAsync);

        Assert.Equal(["idempotency_key", "recharge_id"], RpcAssert.ViolatedFields(status));
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(101, "", "page_size")]
    [InlineData(10, "not-a-token", "page_token")]
    public async Task ListRecharges_BadPaging_IsInvalidArgument(int pageSize, string token, string field)
    {
        var request = new ListRechargesRequest { UserId = "u1", PageSize = pageSize, PageToken = token };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.ListRechargesAsync(request).ResponseAsync);

        Assert.Equal([field], RpcAssert.ViolatedFields(status));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ZZ")]
    [InlineData("usa")]
    public async Task ListPackages_BadRegion_IsInvalidArgument(string region)
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = region }).ResponseAsync);

        Assert.Equal(["region_code"], RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task GetLimits_MissingUserAndRegion_NamesBoth()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.GetLimitsAsync(new GetLimitsRequest { VerificationLevel = (VerificationLevel)9 }).ResponseAsync);

        Assert.Equal(["user_id", "region_code", "verification_level"], RpcAssert.ViolatedFields(status));
    }

    [Theory]
    [InlineData("EUR", 100, "monthly_budget.currency")]
    [InlineData("USD", -1, "monthly_budget.minor_units")]
    [InlineData("USD", 1_000_000_000_001, "monthly_budget.minor_units")]
    public async Task SetSpendingBudget_BadAmount_IsInvalidArgument(string currency, long minorUnits, string field)
    {
        var request = new SetSpendingBudgetRequest { UserId = "u1", MonthlyBudget = new Money { Currency = currency, MinorUnits = minorUnits } };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Recharges.SetSpendingBudgetAsync(request).ResponseAsync);

        Assert.Equal([field], RpcAssert.ViolatedFields(status));
    }

    private static CreateRechargeRequest BadRequest(string problem)
    {
        var request = Requests.Create(user: "probe-user");
        switch (problem)
        {
            case "missing idempotency key": request.IdempotencyKey = string.Empty; break;
            case "idempotency key of 256 characters": request.IdempotencyKey = new string('k', 256); break;
            case "idempotency key with a control character": request.IdempotencyKey = "key\u0007"; break;
            case "missing user": request.UserId = string.Empty; break;
            case "user with spaces": request.UserId = "probe user"; break;
            case "user of 129 characters": request.UserId = new string('u', 129); break;
            case "missing region": request.RegionCode = string.Empty; break;
            case "unknown region": request.RegionCode = "ZZ"; break;
            case "lower-case region": request.RegionCode = "us"; break;
            case "unknown package": request.PackageId = "coins_7"; break;
            case "empty package": request.PackageId = string.Empty; break;
            case "no item": request.ClearItem(); break;
            case "custom coins below the region's minimum": request.CustomCoins = 1; break;
            case "custom coins above the region's maximum": request.CustomCoins = 1_000_000; break;
            case "empty quote id": request.QuoteId = string.Empty; break;
            case "quote id with a control character": request.QuoteId = "q1.\u0000.x"; break;
            case "no payment method": request.PaymentMethod = null; break;
            case "unknown sandbox token": request.PaymentMethod.Sandbox.Token = "sandbox_free_money"; break;
            case "empty card token": request.PaymentMethod = new PaymentMethod { Card = new CardMethod() }; break;
            case "paypal with http return url":
                request.PaymentMethod = new PaymentMethod { Paypal = new PayPalMethod { ReturnUrl = "http://shop.example/ok", CancelUrl = "https://shop.example/no" } };
                break;
            case "paypal without cancel url":
                request.PaymentMethod = new PaymentMethod { Paypal = new PayPalMethod { ReturnUrl = "https://shop.example/ok" } };
                break;
            case "short voucher code": request.PaymentMethod = new PaymentMethod { Voucher = new VoucherMethod { Code = "AB1" } }; break;
            case "local wallet without a wallet":
                request.PaymentMethod = new PaymentMethod { LocalWallet = new LocalWalletMethod { ReturnUrl = "https://shop.example/ok" } };
                break;
            case "unknown local wallet":
                request.PaymentMethod = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = (LocalWallet)9, ReturnUrl = "https://shop.example/ok" } };
                break;
            case "alipay without return url":
                request.PaymentMethod = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.Alipay } };
                break;
            case "wechat pay with http return url":
                request.PaymentMethod = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay, ReturnUrl = "http://shop.example/ok" } };
                break;
            case "malformed ip": request.Risk = new RiskContext { IpAddress = "300.1.1.1" }; break;
            case "unknown verification level": request.Risk = new RiskContext { VerificationLevel = (VerificationLevel)42 }; break;
            case "account created in the future":
                request.Risk = new RiskContext { AccountCreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)) };
                break;
            case "whole e-mail address": request.Risk = new RiskContext { EmailDomain = "someone@example.com" }; break;
            case "lower-case ip country": request.Risk = new RiskContext { IpCountry = "us" }; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "no such case");
        }

        return request;
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class ValidationInMemoryTests(PaymentCoreServer server) : ValidationTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class ValidationRedisTests(RedisApiServer redis) : ValidationTests(redis.Server), IClassFixture<RedisApiServer>;
