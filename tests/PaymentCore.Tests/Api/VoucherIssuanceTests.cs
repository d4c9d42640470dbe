using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Api.V1;
using PaymentCore.State;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Api;

/// <summary>AdminService.IssueVouchers on the embedded default: codes shown once, batches idempotent, every bad field named, and the codes pay.</summary>
public abstract class VoucherIssuanceTests(PaymentCoreServer server)
{
    public static TheoryData<string, string> BadIssueRequests => new()
    {
        { "missing idempotency key", "idempotency_key" },
        { "no vouchers", "count" },
        { "1001 vouchers", "count" },
        { "missing region", "region_code" },
        { "unknown region", "region_code" },
        { "missing value", "value" },
        { "value in another currency than the region's", "value.currency" },
        { "value of zero", "value.minor_units" },
        { "value above 10^12 minor units", "value.minor_units" },
        { "missing expiry", "expires_at" },
        { "expiry in the past", "expires_at" },
        { "expiry more than ten years ahead", "expires_at" },
        { "expiry that is no timestamp", "expires_at" },
        { "missing requested_by", "requested_by" },
        { "requested_by with a control character", "requested_by" },
        { "missing reason", "reason" },
        { "reason of 501 characters", "reason" },
    };

    [Fact]
    public async Task IssueVouchers_AnswersTheBatchAndCountDistinctUnambiguousCodes()
    {
        var request = Requests.IssueVouchers(count: 5);

        var response = await server.Admin.IssueVouchersAsync(request);

        Assert.Equal(5, response.Codes.Count);
        Assert.Equal(5, response.Codes.Distinct().Count());
        Assert.All(response.Codes, code => Assert.Matches("^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$", code));
        Assert.Matches("^vb_[0-9a-f]{32}$", response.Batch.BatchId);
        Assert.Equal(
            (5, request.Value, "US", request.ExpiresAt, "ops@example.com", "spring campaign"),
            (response.Batch.Count, response.Batch.Value, response.Batch.RegionCode, response.Batch.ExpiresAt, response.Batch.RequestedBy, response.Batch.Reason));
    }

    [Fact]
    public async Task IssueVouchers_RetriedWithTheSameKey_AnswersTheSameBatchWithoutCodes_AndIssuesNoSecondOne()
    {
        var request = Requests.IssueVouchers(count: 2);
        var first = await server.Admin.IssueVouchersAsync(request);

        var retry = server.Admin.IssueVouchersAsync(request);
        var replay = await retry;

        Assert.Equal(first.Batch, replay.Batch);
        Assert.Empty(replay.Codes);
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
        var paid = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(first.Codes[1]));
        Assert.Equal(RechargeStatus.Succeeded, paid.Recharge.Status);
    }

    [Fact]
    public async Task IssueVouchers_SameKeyWithOtherParameters_IsRefusedAsAReusedKey()
    {
        var request = Requests.IssueVouchers(count: 2);
        await server.Admin.IssueVouchersAsync(request);
        request.Count = 3;

        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED", () => server.Admin.IssueVouchersAsync(request).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(BadIssueRequests))]
    public async Task IssueVouchers_BadField_IsInvalidArgumentNamingTheField_AndTheCorrectedRetryWorks(string problem, string field)
    {
        var good = Requests.IssueVouchers(count: 1);
        var bad = Bad(good.Clone(), problem);

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () => server.Admin.IssueVouchersAsync(bad).ResponseAsync);

        Assert.Equal([field], RpcAssert.ViolatedFields(status));
        if (bad.IdempotencyKey.Length > 0)
        {
            Assert.Single((await server.Admin.IssueVouchersAsync(good)).Codes);
        }
    }

    [Fact]
    public async Task IssueVouchers_EmptyRequest_NamesEveryMissingField()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, "VALIDATION_FAILED", () =>
            server.Admin.IssueVouchersAsync(new IssueVouchersRequest()).ResponseAsync);

        Assert.Equal(
            ["idempotency_key", "count", "region_code", "value", "expires_at", "requested_by", "reason"],
            RpcAssert.ViolatedFields(status));
    }

    [Fact]
    public async Task Voucher_PaysOnlyItsPriceInItsRegionOnce_EachRefusalADeclineWithItsOwnCode()
    {
        var codes = (await server.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 1))).Codes;

        var otherRegion = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(codes[0], region: "DE"));
        var otherPrice = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(codes[0], package: "coins_100"));
        var paid = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(codes[0].ToLowerInvariant()));
        var again = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(codes[0]));
        var unknown = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher("2345-6789-ABCD-EFGH"));

        Assert.Equal(
            ["voucher_wrong_region", "voucher_amount_mismatch", string.Empty, "voucher_used", "voucher_invalid"],
            new[] { otherRegion, otherPrice, paid, again, unknown }.Select(r => r.Recharge.Failure?.Code ?? string.Empty));
        Assert.Equal(RechargeStatus.Succeeded, paid.Recharge.Status);
        Assert.Equal("voucher", paid.Recharge.Gateway);
    }

    [Fact]
    public async Task RechargePaidWithAVoucher_StoresTheCodesDigestNeverTheCode()
    {
        var code = (await server.Admin.IssueVouchersAsync(Requests.IssueVouchers(count: 1))).Codes[0];

        var paid = await server.Recharges.CreateRechargeAsync(Requests.BuyWithVoucher(code));

        var stored = await server.Services.GetRequiredService<IRechargeStore>().GetAsync(paid.Recharge.RechargeId, default);
        Assert.Equal(VoucherCodes.Hash(code), stored!.Instrument!.Token);
        Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(code, paid.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoCatalog_OffersVouchersInEveryRegion()
    {
        foreach (var region in new[] { "US", "DE", "JP", "KW", "BR", "ID" })
        {
            var listing = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = region });
            Assert.Contains("voucher", listing.PaymentMethods);
        }
    }

    private static IssueVouchersRequest Bad(IssueVouchersRequest request, string problem)
    {
        switch (problem)
        {
            case "missing idempotency key": request.IdempotencyKey = string.Empty; break;
            case "no vouchers": request.Count = 0; break;
            case "1001 vouchers": request.Count = 1001; break;
            case "missing region": request.RegionCode = string.Empty; break;
            case "unknown region": request.RegionCode = "XX"; break;
            case "missing value": request.Value = null; break;
            case "value in another currency than the region's": request.Value.Currency = "EUR"; break;
            case "value of zero": request.Value.MinorUnits = 0; break;
            case "value above 10^12 minor units": request.Value.MinorUnits = 1_000_000_000_001; break;
            case "missing expiry": request.ExpiresAt = null; break;
            case "expiry in the past": request.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)); break;
            case "expiry more than ten years ahead": request.ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(3654)); break;
            case "expiry that is no timestamp": request.ExpiresAt = new Timestamp { Seconds = 253402300800 }; break;
            case "missing requested_by": request.RequestedBy = string.Empty; break;
            case "requested_by with a control character": request.RequestedBy = "ops\n@example.com"; break;
            case "missing reason": request.Reason = string.Empty; break;
            case "reason of 501 characters": request.Reason = new string('r', 501); break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }

        return request;
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class VoucherIssuanceInMemoryTests(PaymentCoreServer server) : VoucherIssuanceTests(server), IClassFixture<PaymentCoreServer>;

/// <summary>The suite on Redis.</summary>
public sealed class VoucherIssuanceRedisTests(RedisApiServer redis) : VoucherIssuanceTests(redis.Server), IClassFixture<RedisApiServer>;
