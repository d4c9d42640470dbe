namespace PaymentCore.Tests.Infrastructure;

// The Redis fixtures live in the test kit; their collections are defined here because xUnit looks
// for collection definitions only in the test assembly itself.
[CollectionDefinition(Name)]
public sealed class RedisSingleNodeCollection : ICollectionFixture<RedisSingleNodeFixture>
{
    public const string Name = "redis single node";
}

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis cluster";
}
