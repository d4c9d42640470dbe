using Microsoft.Extensions.Options;
using PaymentCore.Modes;
using PaymentCore.State;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The store remembers the mode of the process that last started on it (key "&lt;prefix&gt;:mode",
/// "test" or "live"). A process of the other mode refuses to start on it: pointing a live
/// deployment at a test deployment's Redis (or the reverse) is a configuration mistake to stop at
/// once, even though the modes' keys cannot collide. <c>Redis:AllowModeSwitch=true</c> starts
/// anyway and marks the store with the new mode, for a deliberate switch.
/// If Redis cannot be reached at startup the process starts (it answers UNAVAILABLE until Redis is
/// back, as always) and checks the marker once Redis answers; a mismatch found then stops it with
/// exit code 1.
/// </summary>
public sealed partial class StoreModeMarker(
    RedisConnection redis,
    IOptions<RedisOptions> options,
    IOptions<ModeOptions> mode,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StoreModeMarker> logger) : IHostedService, IDisposable
{
    public const string OverrideKey = "Redis:AllowModeSwitch";

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _deferred;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync();
        }
        catch (StoreUnavailableException e)
        {
            LogDeferred(e.Message);
            _deferred = CheckWhenReachableAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_deferred is { } deferred)
        {
            await deferred.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Marks an unmarked store with this mode; refuses one marked with the other, unless told to take it over.</summary>
    private async Task CheckAsync()
    {
        var own = mode.Value.Mode.Name();
        var key = redis.Keys.StoreMode;
        var found = await RedisFailures.GuardAsync(async () =>
            await redis.Database.StringSetAsync(key, own, when: When.NotExists) ? own : (string?)await redis.Database.StringGetAsync(key));
        if (found is null || found == own)
        {
            return;
        }

        if (!options.Value.AllowModeSwitch)
        {
            throw new OptionsValidationException(DeploymentModes.Key, typeof(ModeOptions),
            [
                $"{DeploymentModes.Key}: '{own}' refuses the Redis store (Redis:KeyPrefix '{options.Value.KeyPrefix}'): it was last written by a '{found}' process; "
                + $"set {OverrideKey}=true to take it over",
            ]);
        }

        await RedisFailures.GuardAsync(() => redis.Database.StringSetAsync(key, own));
        LogTakenOver(options.Value.KeyPrefix, found, own);
    }

    private async Task CheckWhenReachableAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, time, stopping);
                await CheckAsync();
                return;
            }
            catch (StoreUnavailableException)
            {
                // Still down: the store health check already says NOT_SERVING.
            }
            catch (OptionsValidationException e)
            {
                LogRefusedLate(e.Message);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable at startup, the store's mode is checked once it answers: {Problem}")]
    private partial void LogDeferred(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis store with key prefix {KeyPrefix} taken over from mode {Previous} by mode {Mode} (Redis:AllowModeSwitch)")]
    private partial void LogTakenOver(string keyPrefix, string previous, string mode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping: {Problem}")]
    private partial void LogRefusedLate(string problem);
}
