using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grpc.Net.Client;

namespace PaymentCore.LoadGen;

/// <summary>
/// One run: opens the connections, warms up, measures for the duration, then stops every worker
/// and merges what they counted. A progress line goes to standard error once a second.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter progress)
{
    public async Task<RunResult> RunAsync()
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var channels = Enumerable.Range(0, options.Connections).Select(_ => OpenChannel(options.Url)).ToList();
        try
        {
            var workers = Enumerable.Range(0, options.Concurrency)
                .Select(i => new Worker(CallTarget.For(options, channels[i % channels.Count], runId, i)))
                .ToList();
            var clock = new RunClock();
            var interval = options.Rate > 0 ? TimeSpan.FromSeconds(options.Concurrency / options.Rate) : TimeSpan.Zero;
            var start = Stopwatch.GetTimestamp();
            var running = workers
                .Select((w, i) => Task.Run(() => w.RunAsync(clock, interval, start, (long)(interval.TotalSeconds * Stopwatch.Frequency * i / workers.Count))))
                .ToList();

            await ReportProgressAsync(workers, "warm-up", options.Warmup, running);
            clock.StartMeasuring();
            var measuredFrom = Stopwatch.GetTimestamp();
            await ReportProgressAsync(workers, "measure", options.Duration, running);
            clock.Stop();
            var measured = Stopwatch.GetElapsedTime(measuredFrom);
            await Task.WhenAll(running);
            return RunResult.Of(options, workers, measured);
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    /// <summary>
    /// One HTTP/2 connection per channel (multiple connections off), kept for the whole run, so the
    /// number of connections is exactly <see cref="LoadOptions.Connections"/>.
    /// </summary>
    private static GrpcChannel OpenChannel(Uri url) => GrpcChannel.ForAddress(url, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        },
    });

    private async Task ReportProgressAsync(IReadOnlyList<Worker> workers, string phase, TimeSpan length, IReadOnlyList<Task> running)
    {
        var phaseStart = Stopwatch.GetTimestamp();
        var lastAt = phaseStart;
        var last = workers.Sum(w => w.Completed);
        while (length - Stopwatch.GetElapsedTime(phaseStart) is var remaining && remaining >= TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1));
            if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed;
            }

            var now = Stopwatch.GetTimestamp();
            var completed = workers.Sum(w => w.Completed);
            var rate = (completed - last) / Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{options.Name} {phase} {Stopwatch.GetElapsedTime(phaseStart, now).TotalSeconds,3:F0}s] requests {completed,9}  rps {rate,8:F0}  errors {workers.Sum(w => w.Errors)}"));
            (last, lastAt) = (completed, now);
        }
    }
}
