using Microsoft.Extensions.Options;
using PaymentCore.Modes;

namespace PaymentCore.Catalog;

/// <summary>
/// Reloads the catalog file when its contents change. It reads the file every poll and compares
/// the bytes' digest with the catalog in force: plain polling works on every file system, where
/// change notifications and timestamps miss edits on some network and container mounts. A file
/// that does not validate, or fails a feature's <see cref="ICatalogCheck"/>, is rejected with one
/// error log line naming every problem, and the catalog in force stays.
/// </summary>
public sealed partial class CatalogWatcher(
    CatalogSource source,
    IEnumerable<ICatalogCheck> checks,
    IOptions<CatalogOptions> options,
    IOptions<ModeOptions> mode,
    TimeProvider time,
    ILogger<CatalogWatcher> logger) : BackgroundService
{
    /// <summary>What the last rejection was about, so an unchanged bad file is logged once, not every poll.</summary>
    private string? _lastRejected;

    /// <summary>Reads the file and puts it in force if it changed and is valid.</summary>
    public void ReloadIfChanged()
    {
        var path = options.Value.Path!;
        var current = source.Current;
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Reject(path, current, "unreadable: " + e.Message);
            return;
        }

        var version = CatalogLoader.VersionOf(json);
        if (version == current.Version)
        {
            _lastRejected = null;
            return;
        }

        try
        {
            var catalog = TestOnlyMethods.OfferedIn(mode.Value.Mode, CatalogLoader.Load(json, path));
            var problems = checks.SelectMany(c => c.ProblemsWith(catalog)).ToList();
            if (problems.Count > 0)
            {
                throw new CatalogException(path, problems);
            }

            source.Replace(catalog);
            _lastRejected = null;
            LogReloaded(path, catalog.Version, current.Version);
        }
        catch (CatalogException e)
        {
            Reject(path, current, $"version {version}: {e.Message}");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        // Cancellation ends the wait with OperationCanceledException, which the host expects on stopping.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            ReloadIfChanged();
        }
    }

    private void Reject(string path, CoinCatalog current, string problem)
    {
        if (problem != _lastRejected)
        {
            _lastRejected = problem;
            LogRejected(path, current.Version, problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog {Path} reloaded: version {Version} replaces version {PreviousVersion}")]
    private partial void LogReloaded(string path, string version, string previousVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalog {Path} rejected, version {Version} stays in force: {Problem}")]
    private partial void LogRejected(string path, string version, string problem);
}
