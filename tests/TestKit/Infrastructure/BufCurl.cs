using System.Diagnostics;
using System.Text.Json;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Runs `buf curl` against a server through gRPC reflection, as a person with grpcurl would.</summary>
public static class BufCurl
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(RepositoryPaths.Buf), $"buf is not installed at {RepositoryPaths.Buf}; the README's test command installs it.");
        var start = new ProcessStartInfo(RepositoryPaths.Buf)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "curl", "--protocol", "grpc", "--http2-prior-knowledge" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await output, await error);
    }
}
