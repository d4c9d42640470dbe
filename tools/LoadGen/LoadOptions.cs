using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PaymentCore.LoadGen;

/// <summary>The command line of the load generator (System.CommandLine: <c>--help</c>, and every error names its option).</summary>
public sealed record LoadOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:50051");
    public string Target { get; init; } = "create";
    public int Concurrency { get; init; } = 64;
    public int Connections { get; init; } = 4;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public double Rate { get; init; }
    public bool SameUser { get; init; }
    public string? Label { get; init; }
    public string? JsonPath { get; init; }

    public string Name => Label ?? (SameUser ? Target + "-same-user" : Target);

    /// <summary>The root command: parses the options (defaults as above) and hands them to <paramref name="run"/>.</summary>
    public static RootCommand Command(Func<LoadOptions, Task<int>> run)
    {
        var defaults = new LoadOptions();
        var url = new Option<Uri>("--url")
        {
            Description = "gRPC endpoint (h2c)",
            HelpName = "URL",
            DefaultValueFactory = _ => defaults.Url,
            CustomParser = result => Parsed(result, text => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null, "is not an absolute URL"),
        };
        var target = new Option<string>("--target")
        {
            Description = "bare: Health/Check of \"liveness\", which touches no store (the baseline); health: Health/Check of the whole service (readiness: pings the store); create: RechargeService/CreateRecharge, sandbox_ok",
            DefaultValueFactory = _ => defaults.Target,
        };
        target.AcceptOnlyFromAmong("bare", "health", "create");
        var concurrency = Positive("--concurrency", "N", "calls in flight (one worker each)", defaults.Concurrency);
        var connections = Positive("--connections", "N", "HTTP/2 connections, workers spread over them", defaults.Connections);
        var warmup = NonNegative("--warmup", "SECONDS", "calls made but not measured", defaults.Warmup.TotalSeconds);
        var duration = Positive("--duration", "SECONDS", "measured time", (int)defaults.Duration.TotalSeconds);
        var rate = NonNegative("--rate", "N", "total calls per second, paced (0 = as fast as the server answers)", defaults.Rate);
        var sameUser = new Option<bool>("--same-user") { Description = "every create is for one user, so the per-user limits trip (RESOURCE_EXHAUSTED)" };
        var label = new Option<string?>("--label") { HelpName = "TEXT", Description = "name of the run in the table and the JSON (default: the target)" };
        var json = new Option<string?>("--json") { HelpName = "PATH", Description = "also write the results as JSON to this path" };

        var command = new RootCommand("LoadGen: drives one RPC of PaymentCore over a fixed set of HTTP/2 connections and reports latency and throughput.")
        {
            url, target, concurrency, connections, warmup, duration, rate, sameUser, label, json,
        };
        command.SetAction(result => run(new LoadOptions
        {
            Url = result.GetValue(url)!,
            Target = result.GetValue(target)!,
            Concurrency = result.GetValue(concurrency),
            Connections = result.GetValue(connections),
            Warmup = TimeSpan.FromSeconds(result.GetValue(warmup)),
            Duration = TimeSpan.FromSeconds(result.GetValue(duration)),
            Rate = result.GetValue(rate),
            SameUser = result.GetValue(sameUser),
            Label = result.GetValue(label),
            JsonPath = result.GetValue(json),
        }));
        return command;
    }

    private static Option<int> Positive(string name, string helpName, string description, int defaultValue) => new(name)
    {
        HelpName = helpName,
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parsed<int?>(
            result,
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null,
            "is not a positive whole number") ?? 0,
    };

    private static Option<double> NonNegative(string name, string helpName, string description, double defaultValue) => new(name)
    {
        HelpName = helpName,
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parsed<double?>(
            result,
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null,
            "is not a number >= 0") ?? 0,
    };

    /// <summary>The option's one value through <paramref name="parse"/>; null, with an error naming the option and the text, when it does not parse.</summary>
    private static T? Parsed<T>(ArgumentResult result, Func<string, T?> parse, string problem)
    {
        var text = result.Tokens.Single().Value;
        if (parse(text) is { } value)
        {
            return value;
        }

        result.AddError($"{((OptionResult)result.Parent!).Option.Name}: '{text}' {problem}");
        return default;
    }
}
