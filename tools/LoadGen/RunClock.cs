namespace PaymentCore.LoadGen;

/// <summary>The phase of a run, set by the run and read by every worker.</summary>
public sealed class RunClock
{
    private volatile bool _measuring;
    private volatile bool _stopping;
    private long _measuringFrom;

    public bool Measuring => _measuring;

    public bool Stopping => _stopping;

    /// <summary>When measuring started (a <see cref="System.Diagnostics.Stopwatch"/> timestamp); valid once <see cref="Measuring"/>.</summary>
    public long MeasuringFrom => Interlocked.Read(ref _measuringFrom);

    public void StartMeasuring()
    {
        Interlocked.Exchange(ref _measuringFrom, System.Diagnostics.Stopwatch.GetTimestamp());
        _measuring = true;
    }

    /// <summary>Ends measuring and the run together: calls still in flight are not counted.</summary>
    public void Stop()
    {
        _measuring = false;
        _stopping = true;
    }
}
