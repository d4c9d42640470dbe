using Microsoft.Extensions.Time.Testing;
using PaymentCore.State;

namespace PaymentCore.Tests.State;

public sealed class ShardDoorbellTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task RingsBeforeTheWait_AreReturnedAtOnce_EachShardOnce_ThenForgotten()
    {
        var bell = new ShardDoorbell();
        bell.Ring(3);
        bell.Ring(3);
        bell.Ring(7);

        var rung = await bell.WaitAsync(TimeSpan.FromHours(1), _time, default);
        var after = await bell.WaitAsync(TimeSpan.Zero, _time, default);

        Assert.Equal([3, 7], rung.Order());
        Assert.Empty(after);
    }

    [Fact]
    public async Task ARing_WakesAWaiter()
    {
        var bell = new ShardDoorbell();
        var waiting = bell.WaitAsync(TimeSpan.FromHours(1), _time, default);
        Assert.False(waiting.IsCompleted);

        bell.Ring(12);

        Assert.Equal([12], await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task NoRingWithinTheTimeout_ReturnsNothing()
    {
        var bell = new ShardDoorbell();
        var waiting = bell.WaitAsync(TimeSpan.FromSeconds(30), _time, default);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task EveryOpenedBell_HearsEveryRingOfItsStream_AndStartsWithEveryShardRung()
    {
        var doorbells = new ShardDoorbells();
        var first = doorbells.Open(ShardStream.Outbox);
        var second = doorbells.Open(ShardStream.Outbox);
        var ledger = doorbells.Open(ShardStream.Ledger);
        Assert.Equal(ShardSelection.AllShards, (await first.WaitAsync(TimeSpan.Zero, _time, default)).Order());
        await second.WaitAsync(TimeSpan.Zero, _time, default);
        await ledger.WaitAsync(TimeSpan.Zero, _time, default);

        doorbells.Ring(ShardStream.Outbox, 5);

        Assert.Equal([5], await first.WaitAsync(TimeSpan.Zero, _time, default));
        Assert.Equal([5], await second.WaitAsync(TimeSpan.Zero, _time, default));
        Assert.Empty(await ledger.WaitAsync(TimeSpan.Zero, _time, default));
    }
}
