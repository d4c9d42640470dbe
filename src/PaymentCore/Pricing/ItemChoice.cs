using PaymentCore.Catalog;

namespace PaymentCore.Pricing;

/// <summary>What a request asks to buy, checked against the region's catalog but not priced yet.</summary>
public abstract record ItemChoice
{
    private ItemChoice()
    {
    }

    /// <summary>A package of the region's catalog.</summary>
    public sealed record Package(CoinPackageOffer Offer) : ItemChoice;

    /// <summary>A number of coins within the region's custom bounds.</summary>
    public sealed record Custom(long Coins) : ItemChoice;

    /// <summary>A quote from QuoteRecharge; its signature is checked when it is priced.</summary>
    public sealed record Quoted(string QuoteId) : ItemChoice;
}
