using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>
/// The Lua scripts next to this file (embedded resources). A script with a fixed set of parameters
/// names them (<c>@recharge</c>, <c>@now</c>) and runs with <see cref="RunAsync(IDatabaseAsync, object)"/>:
/// StackExchange.Redis' <see cref="LuaScript"/> binds them by name, the <see cref="RedisKey"/>
/// members as KEYS (so a cluster routes the call to their slot), and caches the script on each server.
/// A script whose arguments vary in number (limit rules, a batch of ids) takes KEYS and ARGV by
/// position, as its header lists them, and runs by its SHA1 with EVALSHA; a server that does not
/// know it yet (first call, restart, failover) gets it once by EVAL, which also caches it there.
/// </summary>
public sealed record RedisScript(string Name, string Source, byte[] Sha1)
{
    // Prepared on the first call by name: the positional scripts (the recharge path's) never need it.
    private readonly Lazy<LuaScript> _named = new(() => LuaScript.Prepare(Source));

    public static RedisScript Begin { get; } = Load("begin", "idempotency_common", "limit_common", "answered_common");
    public static RedisScript Commit { get; } = Load("commit", "answered_common");
    public static RedisScript Abandon { get; } = Load("abandon", "limit_common");
    public static RedisScript LedgerDrained { get; } = Load("ledger_drained");
    public static RedisScript ForgetIdleConsumers { get; } = Load("forget_idle_consumers");
    public static RedisScript Restore { get; } = Load("restore");
    public static RedisScript Reserve { get; } = Load("reserve", "limit_common");
    public static RedisScript Usage { get; } = Load("usage", "limit_common");
    public static RedisScript Release { get; } = Load("release", "limit_common");
    public static RedisScript SetBudget { get; } = Load("set_budget");
    public static RedisScript Redeem { get; } = Load("redeem");
    public static RedisScript ReleaseRedemption { get; } = Load("release_redemption");
    public static RedisScript VoucherBatchBegin { get; } = Load("voucher_batch_begin", "idempotency_common");
    public static RedisScript VoucherBatchComplete { get; } = Load("voucher_batch_complete");
    public static RedisScript VoucherBatchRelease { get; } = Load("voucher_batch_release");
    public static RedisScript VoucherStore { get; } = Load("voucher_store");
    public static RedisScript VoucherDiscard { get; } = Load("voucher_discard");
    public static RedisScript VoucherRedeem { get; } = Load("voucher_redeem");
    public static RedisScript SaveInstrument { get; } = Load("save_instrument");

    /// <summary>Runs a script that names its parameters, with the members of <paramref name="parameters"/> as their values.</summary>
    public Task<RedisResult> RunAsync(IDatabaseAsync database, object parameters) => database.ScriptEvaluateAsync(_named.Value, parameters);

    /// <summary>Runs a script that takes its KEYS and ARGV by position.</summary>
    public async Task<RedisResult> RunAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(Sha1, keys, values);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Source, keys, values);
        }
    }

    /// <summary>The script <paramref name="name"/>, after the shared ones it uses (<paramref name="includes"/>).</summary>
    private static RedisScript Load(string name, params string[] includes)
    {
        var source = string.Concat(includes.Select(i => Read(i) + "\n")) + Read(name);
        return new RedisScript(name, source, SHA1.HashData(Encoding.UTF8.GetBytes(source)));
    }

    private static string Read(string name)
    {
        using var stream = typeof(RedisScript).Assembly.GetManifestResourceStream($"PaymentCore.Redis.{name}.lua")
            ?? throw new InvalidOperationException($"Lua script '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
