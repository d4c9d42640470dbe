namespace PaymentCore.LoadGen;

/// <summary>
/// What one run measured. Latencies in milliseconds. <see cref="Requests"/> are the measured calls;
/// <see cref="Calls"/> are all the run sent, its warm-up included (what a server did for it).
/// </summary>
public sealed record RunResult(
    string Name,
    string Target,
    int Concurrency,
    int Connections,
    double Rate,
    double DurationSeconds,
    long Requests,
    long Calls,
    double Throughput,
    double P50,
    double P90,
    double P99,
    double Max,
    long Errors,
    IReadOnlyDictionary<string, long> Outcomes)
{
    public static RunResult Of(LoadOptions options, IReadOnlyList<Worker> workers, TimeSpan measured)
    {
        var latencies = Latencies.New();
        var outcomes = new long[Outcome.Count];
        foreach (var worker in workers)
        {
            latencies.Add(worker.Latencies);
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] += worker.Outcomes[i];
            }
        }

        return new RunResult(
            options.Name,
            options.Target,
            options.Concurrency,
            options.Connections,
            options.Rate,
            measured.TotalSeconds,
            latencies.TotalCount,
            workers.Sum(w => w.Completed),
            latencies.TotalCount / measured.TotalSeconds,
            Milliseconds(latencies.Percentile(50)),
            Milliseconds(latencies.Percentile(90)),
            Milliseconds(latencies.Percentile(99)),
            Milliseconds(latencies.Max()),
            latencies.TotalCount - outcomes[Outcome.Ok],
            Enumerable.Range(0, Outcome.Count).Where(i => outcomes[i] > 0).ToDictionary(Outcome.Name, i => outcomes[i]));
    }

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
