using Google.Protobuf.WellKnownTypes;
using PaymentCore.Recharges.SavedInstruments;

namespace PaymentCore.Api;

/// <summary>Domain → contract mapping of saved instruments: what a user recognises, never the gateway's references.</summary>
public static class SavedInstrumentMapping
{
    public static V1.SavedInstrument ToProto(this SavedInstrument instrument)
    {
        var display = instrument.Display;
        return new V1.SavedInstrument
        {
            InstrumentId = instrument.InstrumentId,
            PaymentMethodType = instrument.MethodType.ToProto(),
            Gateway = instrument.Gateway,
            Display = new V1.InstrumentDisplay
            {
                Description = display.Description,
                CardBrand = display.CardBrand ?? string.Empty,
                CardLast4 = display.CardLast4 ?? string.Empty,
                CardExpMonth = display.CardExpMonth ?? 0,
                CardExpYear = display.CardExpYear ?? 0,
                PaypalEmailMasked = display.MaskedEmail ?? string.Empty,
                PhoneNumberMasked = display.MaskedPhoneNumber ?? string.Empty,
            },
            CreatedAt = Timestamp.FromDateTimeOffset(instrument.CreatedAt),
            LastUsedAt = instrument.LastUsedAt is { } used ? Timestamp.FromDateTimeOffset(used) : null,
            Usable = instrument.Usable,
            UnusableReason = instrument.UnusableReason ?? string.Empty,
            ConsentVersion = instrument.ConsentVersion,
            ConsentedAt = Timestamp.FromDateTimeOffset(instrument.ConsentedAt),
        };
    }
}
