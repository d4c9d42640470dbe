using PaymentCore.Hosting;

if (await AdminCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

await PaymentCoreHost.Build(args).RunAsync();
return 0;
