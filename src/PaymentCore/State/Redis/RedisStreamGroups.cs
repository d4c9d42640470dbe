using StackExchange.Redis;

namespace PaymentCore.State.Redis;

/// <summary>Consumer-group chores shared by the streams read in groups (the outbox, the ledger streams).</summary>
internal static class RedisStreamGroups
{
    /// <summary>Creates <paramref name="group"/> on the stream from its first entry (and the stream if missing); another replica may have done it first.</summary>
    public static async Task CreateAsync(IDatabaseAsync database, RedisKey stream, string group)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(stream, group, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it first.
        }
    }

    /// <summary>The read's answer, or null when the group (or the stream) does not exist yet.</summary>
    public static async Task<T?> IgnoreMissingGroup<T>(Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>How many entries an XAUTOCLAIM took over; none when the group does not exist yet.</summary>
    public static async Task<int> ClaimedCountAsync(Task<StreamAutoClaimIdsOnlyResult> claim)
    {
        try
        {
            return (await claim).ClaimedIds.Length;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return 0;
        }
    }
}
