using Google.Protobuf.WellKnownTypes;
using PaymentCore.Audit;

namespace PaymentCore.Api;

/// <summary>Audit trail ↔ AdminService messages.</summary>
public static class AuditMapping
{
    public static V1.ListAuditEntriesResponse ToProto(this AuditPage page)
    {
        var response = new V1.ListAuditEntriesResponse { NextPageToken = page.NextCursor ?? string.Empty };
        response.Entries.AddRange(page.Entries.Select(ToProto));
        return response;
    }

    private static V1.AuditEntry ToProto(StoredAuditEntry stored) => new()
    {
        EntryId = stored.EntryId,
        OccurredAt = Timestamp.FromDateTimeOffset(stored.Entry.OccurredAt),
        Caller = stored.Entry.Caller,
        Action = stored.Entry.Action,
        RechargeId = stored.Entry.RechargeId ?? string.Empty,
        IdempotencyKeySha256 = stored.Entry.IdempotencyKeyDigest ?? string.Empty,
        Outcome = stored.Entry.Outcome,
        Reason = stored.Entry.Reason ?? string.Empty,
        Livemode = stored.Entry.Livemode,
    };
}
