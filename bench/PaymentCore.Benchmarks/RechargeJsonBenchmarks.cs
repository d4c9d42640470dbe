using BenchmarkDotNet.Attributes;
using PaymentCore.Recharges;
using PaymentCore.Stores.Redis;
using StackExchange.Redis;

namespace PaymentCore.Benchmarks;

/// <summary>
/// What the Redis store pays to write and read a recharge as JSON: the source-generated
/// <see cref="RechargeJson"/> context through <see cref="RedisJson"/>, UTF-8 bytes in and out, as
/// each Redis step of a recharge does. The recharge is a real one: a Sandbox recharge of the
/// smallest US package that succeeded through the in-memory host's orchestrator.
/// </summary>
[MemoryDiagnoser]
public class RechargeJsonBenchmarks
{
    private Recharge _recharge = null!;
    private RedisValue _json;

    [GlobalSetup]
    public async Task Setup()
    {
        await using var host = new BenchmarkHost();
        _recharge = await host.CreateRechargeAsync("json-key", "json-user");
        _json = RedisJson.Write(_recharge, RechargeJson.Default.Recharge);
        Console.WriteLine($"RechargeJson: a succeeded Sandbox recharge is {((ReadOnlyMemory<byte>)_json).Length} bytes of JSON.");
    }

    [Benchmark]
    public RedisValue SerializeRecharge() => RedisJson.Write(_recharge, RechargeJson.Default.Recharge);

    [Benchmark]
    public Recharge DeserializeRecharge() => RedisJson.Read(_json, RechargeJson.Default.Recharge);
}
