using System.Globalization;

namespace PaymentCore.LoadGen;

/// <summary>The command line of the load generator.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        LoadGen: drives one RPC of PaymentCore over a fixed set of HTTP/2 connections and reports latency and throughput.

          --url URL            gRPC endpoint (h2c)                                default http://127.0.0.1:50051
          --target NAME        health  grpc.health.v1.Health/Check, the baseline   default create
                               create  RechargeService/CreateRecharge, sandbox_ok
          --concurrency N      calls in flight (one worker each)                  default 64
          --connections N      HTTP/2 connections, workers spread over them       default 4
          --warmup SECONDS     calls made but not measured                        default 5
          --duration SECONDS   measured time                                      default 20
          --rate N             total calls per second, paced (0 = as fast as the server answers)   default 0
          --same-user          every create is for one user, so the per-user limits trip (RESOURCE_EXHAUSTED)
          --label TEXT         name of the run in the table and the JSON          default the target
          --json PATH          also write the results as JSON
        """;

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

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--url" => options with { Url = new Uri(Value()) },
                "--target" => options with { Target = Value() is "health" or "create" ? args[i] : throw new ArgumentException($"--target: unknown '{args[i]}'") },
                "--concurrency" => options with { Concurrency = Positive(name, Value()) },
                "--connections" => options with { Connections = Positive(name, Value()) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(NonNegative(name, Value())) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(name, Value())) },
                "--rate" => options with { Rate = NonNegative(name, Value()) },
                "--same-user" => options with { SameUser = true },
                "--label" => options with { Label = Value() },
                "--json" => options with { JsonPath = Value() },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return options;
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a positive whole number");

    private static double NonNegative(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a number >= 0");
}
