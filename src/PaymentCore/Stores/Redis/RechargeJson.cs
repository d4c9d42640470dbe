using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Recharges;
using PaymentCore.Recharges.SavedInstruments;
using StackExchange.Redis;

namespace PaymentCore.Stores.Redis;

/// <summary>How recharges, outbox events and voucher batches are stored in Redis: readable JSON, source-generated (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Recharge))]
[JsonSerializable(typeof(OutboxEvent))]
[JsonSerializable(typeof(VoucherBatch))]
[JsonSerializable(typeof(SavedInstrument))]
internal sealed partial class RechargeJson : JsonSerializerContext;

/// <summary>
/// JSON values in and out of Redis as UTF-8 bytes: the bytes go to the socket as they are, without
/// a detour through a UTF-16 string (which doubled the allocation of every recharge write).
/// </summary>
internal static class RedisJson
{
    public static RedisValue Write<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    public static T Read<T>(RedisValue json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)json).Span, type) ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is empty.");
}
