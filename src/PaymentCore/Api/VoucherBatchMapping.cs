using Google.Protobuf.WellKnownTypes;
using PaymentCore.Vouchers;

namespace PaymentCore.Api;

/// <summary>Voucher batches ↔ AdminService messages.</summary>
public static class VoucherBatchMapping
{
    public static V1.IssueVouchersResponse ToProto(this IssuedVouchers issued)
    {
        var batch = issued.Batch;
        var response = new V1.IssueVouchersResponse
        {
            Batch = new V1.VoucherBatch
            {
                BatchId = batch.BatchId,
                Count = batch.Count,
                Value = batch.Value.ToProto(),
                RegionCode = batch.RegionCode,
                ExpiresAt = Timestamp.FromDateTimeOffset(batch.ExpiresAt),
                IssuedAt = Timestamp.FromDateTimeOffset(batch.IssuedAt),
                RequestedBy = batch.RequestedBy,
                Reason = batch.Reason,
                Livemode = batch.Livemode,
            },
        };
        response.Codes.AddRange(issued.Codes);
        return response;
    }
}
