using Microsoft.Extensions.Options;

namespace PaymentCore.Fraud;

/// <summary>
/// Polls the fraud rules files so an edit takes effect without a restart. Polling is plain and
/// works on every file system, where change notifications miss edits on some network and
/// container mounts. Starting it also loads the rules, so a faulty file stops startup.
/// </summary>
internal sealed class FraudRuleWatcher(FraudRuleSource source, IOptions<FraudRulesOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        // Cancellation ends the wait with OperationCanceledException, which the host expects on stopping.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            source.ReloadChangedFiles();
        }
    }
}
