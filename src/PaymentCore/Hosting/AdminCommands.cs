using Microsoft.Extensions.Options;
using PaymentCore.Confirmations;
using PaymentCore.Ledger;
using PaymentCore.State;

namespace PaymentCore.Hosting;

/// <summary>
/// Operator commands run with the same configuration as the server, e.g.
/// <c>dotnet PaymentCore.dll replay-dead-letters --Redis:Configuration=…</c> or
/// <c>dotnet PaymentCore.dll ledger migrate --Ledger:ConnectionString=…</c>.
/// </summary>
public static class AdminCommands
{
    public const string ReplayDeadLetters = "replay-dead-letters";
    public const string Ledger = "ledger";
    public const string Migrate = "migrate";
    public const string Backfill = "backfill";

    /// <summary>Runs the command named by the first argument, if there is one; returns its exit code, or null to serve.</summary>
    public static async Task<int?> TryRunAsync(string[] args) => args switch
    {
        [ReplayDeadLetters, .. var settings] => await ReplayDeadLettersAsync(settings),
        [Ledger, Migrate, .. var settings] => await LedgerMigrateAsync(settings),
        [Ledger, Backfill, .. var settings] => await LedgerBackfillAsync(settings),
        [Ledger, ..] => await UsageAsync(),
        _ => null,
    };

    private static async Task<int> ReplayDeadLettersAsync(string[] settings)
    {
        await using var app = PaymentCoreHost.Build(settings);
        var outbox = app.Services.GetRequiredService<IOutbox>();
        foreach (var wallet in app.Services.GetRequiredService<IEnumerable<IWalletSink>>())
        {
            var replayed = await outbox.ReplayDeadLettersAsync(wallet.Name, CancellationToken.None);
            await Console.Out.WriteLineAsync($"{wallet.Name}: {replayed} dead letters put back into the outbox");
        }

        return 0;
    }

    /// <summary>Applies the ledger's missing migrations (the server also does it at start).</summary>
    private static async Task<int> LedgerMigrateAsync(string[] settings)
    {
        await using var app = PaymentCoreHost.Build(settings);
        if (!await RequireLedgerAsync(app))
        {
            return 2;
        }

        var applied = await app.Services.GetRequiredService<LedgerMigrator>().MigrateAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(applied.Count == 0
            ? "ledger: up to date"
            : $"ledger: applied {string.Join(", ", applied)}");
        return 0;
    }

    /// <summary>Copies the recharges Redis holds into the ledger (resumable, idempotent).</summary>
    private static async Task<int> LedgerBackfillAsync(string[] settings)
    {
        await using var app = PaymentCoreHost.Build(settings);
        if (!await RequireLedgerAsync(app))
        {
            return 2;
        }

        if (app.Services.GetService<LedgerBackfill>() is not { } backfill)
        {
            await Console.Error.WriteLineAsync("ledger backfill: Redis:Configuration is not set (the in-memory store holds nothing to copy)");
            return 2;
        }

        await app.Services.GetRequiredService<LedgerMigrator>().MigrateAsync(CancellationToken.None);
        var copied = await backfill.RunAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync($"ledger: {copied} recharges copied from Redis");
        return 0;
    }

    private static async Task<bool> RequireLedgerAsync(WebApplication app)
    {
        // Reading the options validates them, as the server's start does.
        if (app.Services.GetRequiredService<IOptions<LedgerOptions>>().Value.Enabled)
        {
            return true;
        }

        await Console.Error.WriteLineAsync("ledger: Ledger:ConnectionString is not set");
        return false;
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync($"usage: PaymentCore {Ledger} {Migrate}|{Backfill} --Ledger:ConnectionString=… [--Redis:Configuration=…]");
        return 2;
    }
}
