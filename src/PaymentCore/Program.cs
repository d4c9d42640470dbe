using PaymentCore.Hosting;
using PaymentCore.Startup;

// A refusal to start (see StartupRefusal) is one line on stderr and exit code 1, for an operator
// or an orchestrator to read; anything else that fails here still crashes with its stack trace.
WebApplication? app = null;
try
{
    if (await AdminCommands.TryRunAsync(args) is { } exitCode)
    {
        return exitCode;
    }

    app = PaymentCoreHost.Build(args);
    StartupRefusal.ValidateConfiguration(app.Services);
    await app.StartAsync();
}
catch (Exception e) when (StartupRefusal.Describe(e) is { } problem)
{
    await Console.Error.WriteLineAsync($"PaymentCore refuses to start: {problem}");
    if (app is not null)
    {
        await app.DisposeAsync();
    }

    return 1;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
