using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Redis;

namespace PaymentCore.Tests.Api;

/// <summary>Quote expiry on the real host, driven by a fake clock: honoured to the last millisecond, refused from its expiry on.</summary>
public abstract class QuoteExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan QuoteTtl = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    private PaymentCoreServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await PaymentCoreServer.StartAsync(Store(), services => services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The store's settings.</summary>
    protected abstract Dictionary<string, string?> Store();

    [Fact]
    public async Task Quote_ExpiresAtIsIssuedPlusTheTtl()
    {
        var quote = (await _server.Recharges.QuoteRechargeAsync(Requests.Quote(Requests.NewUser()))).Quote;

        Assert.Equal(_time.GetUtcNow() + QuoteTtl, quote.ExpiresAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Quote_BoughtOneMillisecondBeforeItExpires_IsHonoured()
    {
        var user = Requests.NewUser();
        var quote = (await _server.Recharges.QuoteRechargeAsync(Requests.Quote(user))).Quote;

        _time.Advance(QuoteTtl - TimeSpan.FromMilliseconds(1));
        var recharge = (await _server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
        Assert.Equal(499, recharge.Amount.MinorUnits);
    }

    [Fact]
    public async Task Quote_BoughtAtItsExpiry_IsRefusedAndNothingIsCharged()
    {
        var user = Requests.NewUser();
        var quote = (await _server.Recharges.QuoteRechargeAsync(Requests.Quote(user))).Quote;
        var chargesBefore = _server.Sandbox.ChargeCount;

        _time.Advance(QuoteTtl);
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "QUOTE_EXPIRED", () =>
            _server.Recharges.CreateRechargeAsync(Requests.BuyQuote(quote.QuoteId, user)).ResponseAsync);

        Assert.Equal(chargesBefore, _server.Sandbox.ChargeCount);
        Assert.Empty((await _server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user })).Recharges);
        Assert.Equal(quote.ExpiresAt.ToDateTimeOffset(), DateTimeOffset.Parse(
            status.GetDetail<Google.Rpc.ErrorInfo>().Metadata["expired_at"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Quote_RefusedAsExpired_CanBeRetriedWithTheSameKeyAndANewQuote()
    {
        var user = Requests.NewUser();
        var stale = (await _server.Recharges.QuoteRechargeAsync(Requests.Quote(user))).Quote;
        _time.Advance(QuoteTtl);
        var request = Requests.BuyQuote(stale.QuoteId, user);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "QUOTE_EXPIRED", () => _server.Recharges.CreateRechargeAsync(request).ResponseAsync);

        var fresh = (await _server.Recharges.QuoteRechargeAsync(Requests.Quote(user))).Quote;
        request.QuoteId = fresh.QuoteId;
        var recharge = (await _server.Recharges.CreateRechargeAsync(request)).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, recharge.Status);
    }

    [Fact]
    public async Task CompletedPurchase_RetriedAfterItsQuoteExpired_ReplaysTheSavedAnswer()
    {
        var user = Requests.NewUser();
        var quote = (await _server.Recharges.QuoteRechargeAsync(Requests.Quote(user))).Quote;
        var request = Requests.BuyQuote(quote.QuoteId, user);
        var first = (await _server.Recharges.CreateRechargeAsync(request)).Recharge;

        _time.Advance(QuoteTtl + TimeSpan.FromHours(1));
        var retry = _server.Recharges.CreateRechargeAsync(request);

        Assert.Equal(first, (await retry).Recharge);
        Assert.Equal("true", (await retry.ResponseHeadersAsync).GetValue("idempotent-replayed"));
        Assert.Equal(1, _server.Sandbox.ChargeCount);
    }
}

/// <summary>The suite on the in-memory store (the embedded default).</summary>
public sealed class QuoteExpiryInMemoryTests : QuoteExpiryTests
{
    protected override Dictionary<string, string?> Store() => [];
}

/// <summary>The suite on Redis, one key prefix per test.</summary>
public sealed class QuoteExpiryRedisTests(RedisSingleNodeFixture redis) : QuoteExpiryTests, IClassFixture<RedisSingleNodeFixture>
{
    protected override Dictionary<string, string?> Store() => RedisSettings.For(redis.Configuration);
}
