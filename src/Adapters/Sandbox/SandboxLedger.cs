using System.Collections.Concurrent;

namespace PaymentCore.Adapters.Sandbox;

/// <summary>
/// What the Sandbox remembers of its payments (reference → amount, or the phone number a carrier payment billed), bounded: past
/// <c>capacity</c> entries the oldest are forgotten, so a long load test holds the Sandbox's
/// memory flat instead of growing with every charge. A reference is recorded once however often
/// its idempotency key is retried, while it is remembered.
/// </summary>
internal sealed class SandboxLedger<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _oldestFirst = new();
    private int _remembered;
    private int _recorded;

    /// <summary>Distinct references recorded since start, forgotten ones included.</summary>
    public int Recorded => Volatile.Read(ref _recorded);

    public bool Contains(string reference) => _entries.ContainsKey(reference);

    public bool TryGet(string reference, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(reference, out value);

    public void Record(string reference, TValue value)
    {
        if (!_entries.TryAdd(reference, value))
        {
            return;
        }

        Interlocked.Increment(ref _recorded);
        _oldestFirst.Enqueue(reference);
        if (Interlocked.Increment(ref _remembered) <= capacity)
        {
            return;
        }

        if (_oldestFirst.TryDequeue(out var oldest) && _entries.TryRemove(oldest, out _))
        {
            Interlocked.Decrement(ref _remembered);
        }
    }
}
