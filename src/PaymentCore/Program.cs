using PaymentCore.Hosting;

if (await AdminCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

await PaymentCoreHost.Build(args).RunAsync();
// Non-zero when a check after startup stopped the host (the store's mode, found once Redis answered).
return Environment.ExitCode;
