using Microsoft.Extensions.Options;

namespace PaymentCore.Modes;

/// <summary>Logs the mode when the host starts: the first thing to check in a deployment's log.</summary>
public sealed partial class ModeAnnouncement(IOptions<ModeOptions> options, ILogger<ModeAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMode(options.Value.Mode.Name(), options.Value.Livemode);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "PaymentCore runs in {Mode} mode (livemode {Livemode})")]
    private partial void LogMode(string mode, bool livemode);
}
