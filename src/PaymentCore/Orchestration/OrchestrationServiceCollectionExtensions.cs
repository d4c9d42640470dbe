using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Recharges.SavedInstruments;

namespace PaymentCore.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>The recharge flow on the store ports: the orchestrators, the reconciler and the saved instruments.</summary>
    public static IServiceCollection AddRechargeFlow(this IServiceCollection services)
    {
        services.AddOptions<ReconcilerOptions>().BindConfiguration("Reconciler");
        services.AddHostedService<Reconciler>();
        services.AddSingleton<IdempotencyClaims>();
        services.AddSingleton<TransitionCommitter>();
        services.AddOptions<SavedInstrumentsOptions>().BindConfiguration(SavedInstrumentsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SavedInstrumentsOptions>, SavedInstrumentsOptionsValidation>();
        services.AddSingleton<IValidateOptions<CarrierBillingOptions>, CarrierBillingSealingKeyCheck>();
        services.AddSingleton<CredentialSeal>();
        services.AddSingleton<SavedInstrumentBook>();
        services.AddSingleton<RefundOrchestrator>();
        services.AddSingleton<InFlightRequests>();
        return services.AddSingleton<RechargeOrchestrator>();
    }
}
