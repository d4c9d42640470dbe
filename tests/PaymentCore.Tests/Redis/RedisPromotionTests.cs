using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Redis;

/// <summary>Promotion caps held in Redis, through gRPC on the real host.</summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisPromotionTests(RedisSingleNodeFixture redis)
{
    [Fact]
    public async Task ScarceCode_100ConcurrentBuyers_RedeemExactlyTheCap()
    {
        using var file = new TempCatalogFile(TestCatalogs.Shop());
        var settings = RedisSettings.For(redis.Configuration);
        foreach (var (key, value) in TestCatalogs.Settings(file))
        {
            settings[key] = value;
        }

        await using var server = await PaymentCoreServer.StartAsync(settings);

        await ScarceCodeRace.RunAsync(server);
    }
}
