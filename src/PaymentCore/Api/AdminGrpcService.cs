using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Audit;
using PaymentCore.Errors;
using PaymentCore.Vouchers;

namespace PaymentCore.Api;

/// <summary>AdminService: operators' reads and voucher issuance. Scope <c>admin</c> is checked by the authorization interceptor.</summary>
public sealed class AdminGrpcService(IAuditTrail trail, IssueVouchersValidator voucherValidator, VoucherIssuer vouchers) : AdminService.AdminServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add(new("page_size", $"must be between 0 and {MaxPageSize}"));
        }

        if (request.PageToken.Length > 0 && !trail.IsCursor(request.PageToken))
        {
            violations.Add(new("page_token", "must be a next_page_token of an earlier answer"));
        }

        if (violations.Count > 0)
        {
            throw PaymentCoreException.InvalidArgument(violations);
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var page = await trail.ReadAsync(pageSize, request.PageToken.Length == 0 ? null : request.PageToken, context.CancellationToken);
        return page.ToProto();
    }

    public override async Task<IssueVouchersResponse> IssueVouchers(IssueVouchersRequest request, ServerCallContext context)
    {
        var command = voucherValidator.Validate(request, CallerIdentity.Of(context));
        AuditReason.Set(context, command.AuditReason);
        var issued = await vouchers.IssueAsync(command, context.CancellationToken);
        if (issued.Replayed)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { RechargeGrpcService.ReplayedHeader, "true" } });
        }

        return issued.ToProto();
    }
}
