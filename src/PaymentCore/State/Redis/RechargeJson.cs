using System.Text.Json.Serialization;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Confirmations;
using PaymentCore.Recharges;

namespace PaymentCore.State.Redis;

/// <summary>How recharges, outbox events and voucher batches are stored in Redis: readable JSON, source-generated (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Recharge))]
[JsonSerializable(typeof(OutboxEvent))]
[JsonSerializable(typeof(VoucherBatch))]
internal sealed partial class RechargeJson : JsonSerializerContext;
