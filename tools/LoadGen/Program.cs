using PaymentCore.LoadGen;

return await LoadOptions.Command(RunAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(LoadOptions options)
{
    var result = await new LoadRun(options, Console.Error).RunAsync();
    Console.WriteLine(ResultReport.Header);
    Console.WriteLine(ResultReport.Row(result));
    if (options.JsonPath is { } path)
    {
        ResultReport.WriteJson(result, path);
    }

    return 0;
}
