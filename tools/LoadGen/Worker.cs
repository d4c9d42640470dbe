using System.Diagnostics;
using HdrHistogram;

namespace PaymentCore.LoadGen;

/// <summary>
/// One call in flight at a time, against its own target. Everything it counts is its own, so the
/// hot loop takes no lock and allocates nothing of its own; the run merges the workers at the end.
/// </summary>
public sealed class Worker(CallTarget target)
{
    private long _completed;
    private long _errors;

    public LongHistogram Latencies { get; } = PaymentCore.LoadGen.Latencies.New();

    /// <summary>Measured calls per <see cref="Outcome"/>.</summary>
    public long[] Outcomes { get; } = new long[Outcome.Count];

    public long Completed => Volatile.Read(ref _completed);

    public long Errors => Volatile.Read(ref _errors);

    /// <param name="clock">Whether calls are measured right now, and when to stop.</param>
    /// <param name="interval">Time between this worker's calls when paced; zero = back to back.</param>
    /// <param name="start">When the run started (a <see cref="Stopwatch"/> timestamp).</param>
    /// <param name="slot">This worker's offset in the pacing interval, so the workers' calls are spread out.</param>
    public async Task RunAsync(RunClock clock, TimeSpan interval, long start, long slot)
    {
        var sequence = 0L;
        var due = start + slot;
        var previousEnded = start;
        var anchored = false;
        while (!clock.Stopping)
        {
            if (!anchored && clock.Measuring)
            {
                // A schedule that fell behind during the warm-up (JIT, connection set-up) starts
                // afresh, so the measured calls are not charged with the warm-up's lateness.
                anchored = true;
                due = Math.Max(due, clock.MeasuringFrom + slot);
            }

            if (interval > TimeSpan.Zero)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var measured = clock.Measuring;
            var started = Stopwatch.GetTimestamp();
            var outcome = await target.CallAsync(sequence++);
            var ended = Stopwatch.GetTimestamp();
            var behind = previousEnded > due;
            previousEnded = ended;
            Volatile.Write(ref _completed, _completed + 1);
            if (outcome != Outcome.Ok)
            {
                Volatile.Write(ref _errors, _errors + 1);
            }

            if (measured && clock.Measuring)
            {
                // A paced call that the server made late (the previous call ended after this one was
                // due) is timed from when it was due, so a slow server is not hidden (no coordinated
                // omission). One sent late only because this process's own timer woke it late is
                // timed from when it was sent: that lateness is the generator's, not the server's.
                var from = interval > TimeSpan.Zero && behind ? due : started;
                Latencies.Record(Stopwatch.GetElapsedTime(from, ended));
                Outcomes[outcome]++;
            }

            due += interval > TimeSpan.Zero ? (long)(interval.TotalSeconds * Stopwatch.Frequency) : 0;
        }
    }
}
