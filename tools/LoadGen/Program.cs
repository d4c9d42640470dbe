using PaymentCore.LoadGen;

if (args.Contains("--help"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine($"LoadGen: {e.Message}\n\n{LoadOptions.Usage}");
    return 2;
}

var result = await new LoadRun(options, Console.Error).RunAsync();
Console.WriteLine(ResultReport.Header);
Console.WriteLine(ResultReport.Row(result));
if (options.JsonPath is { } path)
{
    ResultReport.WriteJson(result, path);
}

return 0;
