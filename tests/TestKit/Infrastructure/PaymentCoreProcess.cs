using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// The built PaymentCore binary running as its own process on loopback ports, as an operator
/// would run it. Its console output is captured for assertions.
/// </summary>
public sealed class PaymentCoreProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PaymentCoreProcess(Process process, int grpcPort)
    {
        _process = process;
        GrpcPort = grpcPort;
    }

    public int GrpcPort { get; }

    public string GrpcUrl => $"http://127.0.0.1:{GrpcPort}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public static Task<PaymentCoreProcess> StartAsync(params string[] settings) =>
        StartInAsync(Path.GetDirectoryName(RepositoryPaths.PaymentCoreDll)!, settings);

    /// <summary>Starts the binary with <paramref name="workingDirectory"/> as the shell's current directory.</summary>
    public static async Task<PaymentCoreProcess> StartInAsync(string workingDirectory, params string[] settings)
    {
        var dll = RepositoryPaths.PaymentCoreDll;
        Assert.True(File.Exists(dll), $"PaymentCore is not built at {dll}");
        var grpcPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--Grpc:Url=http://127.0.0.1:{grpcPort}");
        start.ArgumentList.Add($"--Http:Url=http://127.0.0.1:{FreePort.Next()}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = new PaymentCoreProcess(Process.Start(start)!, grpcPort);
        process.Capture();
        await process.WaitUntilListeningAsync();
        return process;
    }

    /// <summary>Runs the binary as a command (e.g. an admin command) to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IEnumerable<string> arguments)
    {
        var run = await RunToExitAsync(arguments);
        return (run.ExitCode, run.StandardOutput + run.StandardError);
    }

    /// <summary>
    /// Starts the server on fresh loopback ports with <paramref name="settings"/> (which may override
    /// them) and waits for it to exit: for a configuration it must refuse.
    /// </summary>
    public static Task<ExitedRun> RunUntilExitAsync(params string[] settings) =>
        RunToExitAsync([$"--Grpc:Url=http://127.0.0.1:{FreePort.Next()}", $"--Http:Url=http://127.0.0.1:{FreePort.Next()}", .. settings]);

    private static async Task<ExitedRun> RunToExitAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.PaymentCoreDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryPaths.PaymentCoreDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ExitedRun(process.ExitCode, await output, await error);
    }

    /// <summary>Waits until the output contains <paramref name="text"/>, or fails after a timeout.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal), timeout ?? TimeSpan.FromSeconds(10), $"'{text}' did not appear in the output");

    /// <summary>kill -9: the process ends at once, mid-request, with nothing flushed.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as an orchestrator does on shutdown, and returns the exit code.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private Task WaitUntilListeningAsync() => Eventually.SucceedsAsync(
        async () =>
        {
            Assert.False(_process.HasExited, $"PaymentCore exited during startup:\n{Output}");
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", GrpcPort);
        },
        e => e is SocketException,
        TimeSpan.FromSeconds(30));
}

/// <summary>How a run of the binary ended: its exit code and what it wrote to stdout and stderr.</summary>
public sealed record ExitedRun(int ExitCode, string StandardOutput, string StandardError);
