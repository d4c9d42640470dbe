using PaymentCore.Audit;
using PaymentCore.Stores.InMemory;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Security;

/// <summary>
/// The in-memory, the Redis Stream and the ledger-backed audit trail page alike: newest first, no
/// entry lost or repeated.
/// </summary>
public abstract class AuditTrailConformanceTests
{
    protected abstract IAuditTrail Trail { get; }

    /// <summary>What happens to the entries between appending and reading; the ledger-backed trail moves some to PostgreSQL.</summary>
    protected virtual Task AfterAppendingAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pages_AreNewestFirst_AndCoverEveryEntryOnce()
    {
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await Trail.AppendAsync(new AuditEntry(start.AddSeconds(i), "checkout", $"action-{i}", null, null, "OK", Livemode: false), default);
        }

        await AfterAppendingAsync();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Trail.ReadAsync(2, cursor, default);
            Assert.True(page.Entries.Count <= 2);
            seen.AddRange(page.Entries.Select(e => e.Entry.Action));
            cursor = page.NextCursor;
            Assert.True(cursor is null || Trail.IsCursor(cursor));
        }
        while (cursor is not null);

        Assert.Equal(["action-4", "action-3", "action-2", "action-1", "action-0"], seen);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnEntry_ReadsBackAsWritten_ItsModeIncluded(bool livemode)
    {
        var entry = new AuditEntry(
            DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_123), "support-desk", "/x/RefundRecharge", "rch_00aa", new string('a', 64), "OK", livemode, "customer request");

        await Trail.AppendAsync(entry, default);
        await AfterAppendingAsync();
        var newest = (await Trail.ReadAsync(1, null, default)).Entries.Single();

        Assert.Equal(entry, newest.Entry);
    }
}

public sealed class InMemoryAuditTrailTests : AuditTrailConformanceTests
{
    protected override IAuditTrail Trail { get; } = new InMemoryAuditTrail();
}

[Collection(RedisSingleNodeCollection.Name)]
public sealed class RedisAuditTrailTests(RedisSingleNodeFixture redis) : AuditTrailConformanceTests, IDisposable
{
    private readonly RedisConnection _connection = new(Microsoft.Extensions.Options.Options.Create(
        new RedisOptions { Configuration = redis.Configuration, KeyPrefix = "audit-" + Guid.NewGuid().ToString("N")[..8] }),
        Microsoft.Extensions.Options.Options.Create(new PaymentCore.Modes.ModeOptions()));

    protected override IAuditTrail Trail => new RedisAuditTrail(_connection);

    public void Dispose() => _connection.Dispose();
}
