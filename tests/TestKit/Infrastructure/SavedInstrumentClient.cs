using PaymentCore.Api.V1;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Reading a user's saved instruments in one line.</summary>
public static class SavedInstrumentClient
{
    public static async Task<IReadOnlyList<SavedInstrument>> SavedInstrumentsOfAsync(this RechargeService.RechargeServiceClient client, string user) =>
        (await client.ListSavedInstrumentsAsync(new ListSavedInstrumentsRequest { UserId = user })).Instruments;
}
