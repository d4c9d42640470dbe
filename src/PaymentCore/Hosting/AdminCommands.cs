using PaymentCore.Confirmations;
using PaymentCore.State;

namespace PaymentCore.Hosting;

/// <summary>
/// Operator commands run with the same configuration as the server, e.g.
/// <c>dotnet PaymentCore.dll replay-dead-letters --Redis:Configuration=…</c>.
/// </summary>
public static class AdminCommands
{
    public const string ReplayDeadLetters = "replay-dead-letters";

    /// <summary>Runs the command named by the first argument, if there is one; returns its exit code, or null to serve.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not [ReplayDeadLetters, .. var settings])
        {
            return null;
        }

        await using var app = PaymentCoreHost.Build(settings);
        var outbox = app.Services.GetRequiredService<IOutbox>();
        foreach (var wallet in app.Services.GetRequiredService<IEnumerable<IWalletSink>>())
        {
            var replayed = await outbox.ReplayDeadLettersAsync(wallet.Name, CancellationToken.None);
            await Console.Out.WriteLineAsync($"{wallet.Name}: {replayed} dead letters put back into the outbox");
        }

        return 0;
    }
}
