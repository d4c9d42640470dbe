using Microsoft.Extensions.DependencyInjection;
using PaymentCore.State;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// The host's outbox, watched: it notes which dispatcher reads found nothing to deliver, so a test
/// can prove that nothing more will arrive at a wallet by reaching a known quiet state
/// (<see cref="PaymentCoreServer.QuietAsync"/>) instead of sleeping.
/// </summary>
public sealed class ObservedOutbox(IOutbox inner) : IOutbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _lastEmptyRead = new(StringComparer.Ordinal);
    private long _readsStarted;

    /// <summary>How many reads the dispatcher began so far; every later read has a higher number.</summary>
    public long ReadsStarted => Interlocked.Read(ref _readsStarted);

    /// <summary>
    /// Whether a read for <paramref name="wallet"/> numbered above <paramref name="read"/> found
    /// nothing to deliver: a dispatcher pass that began after that moment had nothing left to do.
    /// </summary>
    public bool FoundNothingAfter(string wallet, long read)
    {
        lock (_lock)
        {
            return _lastEmptyRead.TryGetValue(wallet, out var last) && last > read;
        }
    }

    /// <summary>
    /// Whether every one of <paramref name="wallets"/> is quiet: a dispatcher read numbered above
    /// <paramref name="read"/> found nothing for it and its backlog (undelivered or unacknowledged
    /// entries) is empty. Both are needed: in Redis the backlog counts a shard only once the
    /// dispatcher has read it, and a read can find nothing while a failed shard is held back.
    /// </summary>
    public async Task<bool> QuietAsync(IReadOnlyCollection<string> wallets, long read)
    {
        foreach (var wallet in wallets)
        {
            if (!FoundNothingAfter(wallet, read) || await inner.BacklogAsync(wallet, CancellationToken.None) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Replaces the outbox the host registered (in memory or Redis) with an observed one; call it
    /// once the host's registrations are complete.
    /// </summary>
    public static void Decorate(IServiceCollection services, Action<ObservedOutbox> observed)
    {
        var original = services.Last(d => d.ServiceType == typeof(IOutbox));
        services.Remove(original);
        services.AddSingleton<IOutbox>(provider =>
        {
            var inner = (IOutbox)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!));
            var outbox = new ObservedOutbox(inner);
            observed(outbox);
            return outbox;
        });
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadAsync(string wallet, string consumer, ShardSelection shards, int maxPerShard, CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref _readsStarted);
        var entries = await inner.ReadAsync(wallet, consumer, shards, maxPerShard, cancellationToken);
        if (entries.Count == 0)
        {
            lock (_lock)
            {
                _lastEmptyRead[wallet] = Math.Max(read, _lastEmptyRead.GetValueOrDefault(wallet));
            }
        }

        return entries;
    }

    public Task<int> ClaimAbandonedAsync(string wallet, string consumer, TimeSpan minIdle, CancellationToken cancellationToken) =>
        inner.ClaimAbandonedAsync(wallet, consumer, minIdle, cancellationToken);

    public Task AcknowledgeAsync(string wallet, IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken) =>
        inner.AcknowledgeAsync(wallet, entries, cancellationToken);

    public Task DeadLetterAsync(string wallet, OutboxEntry entry, string reason, CancellationToken cancellationToken) =>
        inner.DeadLetterAsync(wallet, entry, reason, cancellationToken);

    public Task<int> ReplayDeadLettersAsync(string wallet, CancellationToken cancellationToken) =>
        inner.ReplayDeadLettersAsync(wallet, cancellationToken);

    public Task<long> BacklogAsync(string wallet, CancellationToken cancellationToken) => inner.BacklogAsync(wallet, cancellationToken);

    public Task<long> DeadLetterCountAsync(string wallet, CancellationToken cancellationToken) => inner.DeadLetterCountAsync(wallet, cancellationToken);

    public Task TrimAsync(IReadOnlyCollection<string> wallets, CancellationToken cancellationToken) => inner.TrimAsync(wallets, cancellationToken);
}
