using System.Text.Json.Serialization;
using PaymentCore.Confirmations;
using PaymentCore.Recharges;

namespace PaymentCore.State.Redis;

/// <summary>How recharges and outbox events are stored in Redis: readable JSON, source-generated (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Recharge))]
[JsonSerializable(typeof(OutboxEvent))]
internal sealed partial class RechargeJson : JsonSerializerContext;
