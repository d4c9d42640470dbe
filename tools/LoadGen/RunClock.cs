namespace PaymentCore.LoadGen;

/// <summary>The phase of a run, set by the run and read by every worker.</summary>
public sealed class RunClock
{
    private volatile bool _measuring;
    private volatile bool _stopping;

    public bool Measuring => _measuring;

    public bool Stopping => _stopping;

    public void StartMeasuring() => _measuring = true;

    /// <summary>Ends measuring and the run together: calls still in flight are not counted.</summary>
    public void Stop()
    {
        _measuring = false;
        _stopping = true;
    }
}
