using Grpc.Core;
using Grpc.Health.V1;
using PaymentCore.Api.V1;
using PaymentCore.Modes;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>
/// Live mode offers no test money: the demo catalog's sandbox entries are gone from every region, a
/// sandbox payment is refused whatever its token, real methods stay offered, and the mode shows on
/// the health endpoints and the recharge metric. Runs alone: the metric test proves no test-mode
/// series is exported, and every in-process server of a parallel run would feed /metrics.
/// </summary>
[Collection(Telemetry.MetricsCollection.Name)]
public sealed class LiveModeOfferTests(LiveModeHost live) : IClassFixture<LiveModeHost>
{
    public static TheoryData<string> DemoRegions => new() { "US", "DE", "JP", "KW", "BR", "ID" };

    public static TheoryData<string, string> SandboxTokensInEveryRegion()
    {
        var data = new TheoryData<string, string>();
        foreach (var region in new[] { "US", "DE", "JP", "KW", "BR", "ID" })
        {
            foreach (var token in new[] { "sandbox_ok", "sandbox_3ds", "sandbox_timeout", "sandbox_unavailable" })
            {
                data.Add(region, token);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DemoRegions))]
    public async Task ListPackages_OffersTheSandboxInNoRegion(string region)
    {
        var listing = await live.Server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = region });

        Assert.DoesNotContain("sandbox", listing.PaymentMethods);
        Assert.NotEmpty(listing.Packages);
        Assert.Contains("voucher", listing.PaymentMethods);
    }

    [Fact]
    public async Task ListPackages_StillOffersRealMethodsWithAGateway()
    {
        var listing = await live.Server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" });

        Assert.Contains("card", listing.PaymentMethods);
    }

    [Theory]
    [MemberData(nameof(SandboxTokensInEveryRegion))]
    public async Task SandboxPayment_IsRefusedAsNotAvailable_AndNothingIsRecorded(string region, string token)
    {
        var user = Requests.NewUser();

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PAYMENT_METHOD_NOT_AVAILABLE",
            () => live.Server.Recharges.CreateRechargeAsync(Requests.Create(token, user, region)).ResponseAsync);

        Assert.Contains("sandbox", status.Message, StringComparison.Ordinal);
        Assert.Empty((await live.Server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user, PageSize = 10 })).Recharges);
    }

    [Fact]
    public async Task SandboxPayment_RetriedUnderTheSameKey_IsRefusedAgain_NeverCharged()
    {
        var request = Requests.Create();

        foreach (var _ in Enumerable.Range(0, 3))
        {
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "PAYMENT_METHOD_NOT_AVAILABLE",
                () => live.Server.Recharges.CreateRechargeAsync(request).ResponseAsync);
        }

        Assert.DoesNotContain(live.Server.Wallet.Received, e => e.UserId == request.UserId);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task HttpHealth_NamesTheMode(string path)
    {
        using var http = new HttpClient { BaseAddress = live.Server.HttpAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("live", Assert.Single(response.Headers.GetValues(ModeServiceCollectionExtensions.ModeHeader)));
    }

    [Fact]
    public async Task GrpcHealth_NamesTheModeInItsResponseMetadata()
    {
        using var call = new Health.HealthClient(live.Server.Channel).CheckAsync(new HealthCheckRequest());

        var headers = await call.ResponseHeadersAsync;

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await call.ResponseAsync).Status);
        Assert.Equal("live", headers.GetValue("paymentcore-mode"));
    }

    [Fact]
    public async Task RechargeMetric_CarriesTheModeLabel()
    {
        var paid = (await live.Server.Recharges.CreateRechargeAsync(ModeSettings.PayByCard())).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        using var http = new HttpClient { BaseAddress = live.Server.HttpAddress };

        var metrics = await Eventually.ReturnsAsync(
            () => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => text.Contains("paymentcore_recharges", StringComparison.Ordinal));

        var series = metrics.Split('\n').Where(l => l.StartsWith("paymentcore_recharges", StringComparison.Ordinal) && !l.StartsWith('#')).ToList();
        Assert.Contains(series, l => l.Contains("gateway=\"stripe\"", StringComparison.Ordinal) && l.Contains("mode=\"live\"", StringComparison.Ordinal));
        Assert.DoesNotContain(series, l => l.Contains("mode=\"test\"", StringComparison.Ordinal));
    }
}
