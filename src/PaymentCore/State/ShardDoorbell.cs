namespace PaymentCore.State;

/// <summary>
/// One reader's doorbell over the shard streams of one kind (<see cref="ShardStream"/>): the shards
/// appended to since the reader last looked. The reader waits on it instead of polling every shard;
/// a ring is a hint, never the only way an entry is found (readers still sweep every shard now and
/// then, and ring every shard after the store reconnected), so a lost ring only delays.
/// </summary>
public sealed class ShardDoorbell
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _rung = [];
    private TaskCompletionSource? _waiter;

    public void Ring(int shard)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _rung.Add(shard);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    public void Ring(IEnumerable<int> shards)
    {
        foreach (var shard in shards)
        {
            Ring(shard);
        }
    }

    public void RingAll() => Ring(ShardSelection.AllShards);

    /// <summary>
    /// The shards rung so far (and forgets them), waiting up to <paramref name="timeout"/> for a ring
    /// when none is; empty when the time passed without one or the reader is stopping.
    /// </summary>
    public async Task<IReadOnlyCollection<int>> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task rung;
        lock (_lock)
        {
            if (_rung.Count > 0 || timeout <= TimeSpan.Zero)
            {
                return Take();
            }

            rung = (_waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, stop.Token);
        await Task.WhenAny(rung, delay);
        await stop.CancelAsync();
        lock (_lock)
        {
            return Take();
        }
    }

    private List<int> Take()
    {
        var shards = _rung.ToList();
        _rung.Clear();
        return shards;
    }
}
