using System.Diagnostics;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// Prometheus' own checker (Debian package "prometheus", installed by scripts/test.sh), run from
/// the repository root, so the rules and metrics are judged by the tool Prometheus uses.
/// </summary>
public static class Promtool
{
    /// <returns>The exit code and everything promtool printed.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string? standardInput, params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
