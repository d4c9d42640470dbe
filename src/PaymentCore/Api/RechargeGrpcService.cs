using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Errors;
using PaymentCore.Limits;
using PaymentCore.Orchestration;
using PaymentCore.Pricing;
using PaymentCore.Recharges;
using PaymentCore.Routing;
using PaymentCore.State;

namespace PaymentCore.Api;

/// <summary>RechargeService: validate, call the application service, map to proto. Errors: <see cref="ErrorInterceptor"/>.</summary>
public sealed class RechargeGrpcService(
    RechargeRequestValidator validator,
    RechargePricing pricing,
    RechargeOrchestrator orchestrator,
    RefundOrchestrator refunds,
    IRechargeStore store,
    GatewayRouter router,
    LimitPolicy limits,
    ILimitLedger ledger,
    SavedInstrumentBook savedInstruments,
    TimeProvider time) : RechargeService.RechargeServiceBase
{
    /// <summary>Response header that marks a saved response answered again for a retried idempotency key.</summary>
    public const string ReplayedHeader = "idempotent-replayed";

    public override Task<ListPackagesResponse> ListPackages(ListPackagesRequest request, ServerCallContext context)
    {
        var region = validator.ValidateListPackages(request);
        return Task.FromResult(pricing.List(region).ToProto(router.AvailableMethods(region)));
    }

    public override async Task<QuoteRechargeResponse> QuoteRecharge(QuoteRechargeRequest request, ServerCallContext context)
    {
        var order = validator.ValidateQuote(request);
        var quote = await pricing.QuoteAsync(order, context.CancellationToken);
        return new QuoteRechargeResponse { Quote = quote.ToProto() };
    }

    public override async Task<CreateRechargeResponse> CreateRecharge(CreateRechargeRequest request, ServerCallContext context)
    {
        var paidWith = RechargeRequestValidator.SavedInstrumentLookup(request) is var (userId, instrumentId)
            ? await savedInstruments.OpenAsync(userId, instrumentId, context.CancellationToken)
            : null;
        var order = validator.ValidateCreate(request, CallerIdentity.Of(context), paidWith);
        if (order.SaveConsentVersion is not null)
        {
            await savedInstruments.EnsureRoomAsync(order.UserId, context.CancellationToken);
        }

        var command = await pricing.PriceAsync(order, context.CancellationToken);
        var result = await orchestrator.CreateAsync(command, context.CancellationToken);
        await MarkReplayAsync(result, context);
        return new CreateRechargeResponse { Recharge = result.Recharge.ToProto() };
    }

    public override async Task<ConfirmRechargeResponse> ConfirmRecharge(ConfirmRechargeRequest request, ServerCallContext context)
    {
        var command = validator.ValidateConfirm(request, CallerIdentity.Of(context));
        var result = await orchestrator.ConfirmAsync(command, context.CancellationToken);
        await MarkReplayAsync(result, context);
        return new ConfirmRechargeResponse { Recharge = result.Recharge.ToProto() };
    }

    public override async Task<GetRechargeResponse> GetRecharge(GetRechargeRequest request, ServerCallContext context)
    {
        var rechargeId = validator.ValidateGet(request);
        var recharge = await store.GetAsync(rechargeId, context.CancellationToken)
            ?? throw PaymentCoreException.RechargeNotFound(rechargeId);
        return new GetRechargeResponse { Recharge = recharge.ToProto() };
    }

    public override async Task<ListRechargesResponse> ListRecharges(ListRechargesRequest request, ServerCallContext context)
    {
        var (userId, pageSize, cursor) = validator.ValidateList(request);
        var page = await store.ListByUserAsync(userId, pageSize, cursor, context.CancellationToken);
        var response = new ListRechargesResponse
        {
            NextPageToken = page.NextCursor is null ? string.Empty : RechargeRequestValidator.PageTokenOf(page.NextCursor),
        };
        response.Recharges.AddRange(page.Recharges.Select(r => r.ToProto()));
        return response;
    }

    public override async Task<RefundRechargeResponse> RefundRecharge(RefundRechargeRequest request, ServerCallContext context)
    {
        var command = validator.ValidateRefund(request, CallerIdentity.Of(context));
        var result = await refunds.RefundAsync(command, context.CancellationToken);
        await MarkReplayAsync(result, context);
        return new RefundRechargeResponse { Recharge = result.Recharge.ToProto() };
    }

    public override async Task<GetLimitsResponse> GetLimits(GetLimitsRequest request, ServerCallContext context)
    {
        var (userId, region, verificationLevel) = validator.ValidateGetLimits(request);
        var check = limits.UserCheck(userId, verificationLevel, region.RegionCode, time.GetUtcNow());
        var usage = await ledger.UsageAsync(check, context.CancellationToken);
        var response = new GetLimitsResponse { ReferenceCurrency = limits.Reference.ReferenceCurrency };
        response.Limits.AddRange(usage.Select(u => u.ToProto(limits.Reference.ReferenceCurrency)));
        return response;
    }

    public override async Task<SetSpendingBudgetResponse> SetSpendingBudget(SetSpendingBudgetRequest request, ServerCallContext context)
    {
        var (userId, monthlyBudget) = validator.ValidateSetSpendingBudget(request, limits.Reference.ReferenceCurrency);
        var now = time.GetUtcNow();
        var budget = await ledger.UpdateBudgetAsync(
            userId, current => current.Request(monthlyBudget, now, limits.BudgetCoolingOff), context.CancellationToken);
        return budget.ToProto(limits.Reference.ReferenceCurrency);
    }

    public override async Task<ListSavedInstrumentsResponse> ListSavedInstruments(ListSavedInstrumentsRequest request, ServerCallContext context)
    {
        var userId = validator.ValidateListSavedInstruments(request);
        var response = new ListSavedInstrumentsResponse();
        response.Instruments.AddRange((await savedInstruments.ListAsync(userId, context.CancellationToken)).Select(i => i.ToProto()));
        return response;
    }

    public override async Task<DeleteSavedInstrumentResponse> DeleteSavedInstrument(DeleteSavedInstrumentRequest request, ServerCallContext context)
    {
        var (userId, instrumentId) = validator.ValidateDeleteSavedInstrument(request);
        AuditReason.Set(context, instrumentId);
        var deleted = await savedInstruments.DeleteAsync(userId, instrumentId, context.CancellationToken);
        return new DeleteSavedInstrumentResponse { Instrument = deleted.ToProto() };
    }

    private static Task MarkReplayAsync(RechargeResult result, ServerCallContext context) =>
        result.Replayed ? context.WriteResponseHeadersAsync(new Metadata { { ReplayedHeader, "true" } }) : Task.CompletedTask;
}
