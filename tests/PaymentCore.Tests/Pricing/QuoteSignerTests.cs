using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaymentCore.Catalog;
using PaymentCore.Pricing;

namespace PaymentCore.Tests.Pricing;

public sealed class QuoteSignerTests
{
    private const string Key = "a-quote-signing-key-of-32-chars!!";
    private static readonly QuoteContent Content = new("user-1", "US", "USD", 449, 500, 25, "coins_500", ["us_welcome10"], 1_767_225_600_000);

    [Fact]
    public void SignedQuote_VerifiesToItsContents()
    {
        var signer = Signer(Key);

        Assert.True(signer.TryVerify(signer.Sign(Content), out var verified));
        Assert.Equal(Content with { PromotionIds = verified.PromotionIds }, verified);
        Assert.Equal(Content.PromotionIds, verified.PromotionIds);
    }

    [Fact]
    public void AnyAlteredCharacter_BreaksTheSignature()
    {
        var signer = Signer(Key);
        var quoteId = signer.Sign(Content);

        for (var i = 0; i < quoteId.Length; i++)
        {
            var altered = quoteId[..i] + (quoteId[i] == 'A' ? 'B' : 'A') + quoteId[(i + 1)..];
            Assert.False(signer.TryVerify(altered, out _), $"altering character {i} went unnoticed");
        }
    }

    [Fact]
    public void ContentsSignedWithAnotherKey_AreRefused()
    {
        var forged = Signer("another-key-that-is-32-chars-long").Sign(Content with { Price = 1 });

        Assert.False(Signer(Key).TryVerify(forged, out _));
    }

    [Fact]
    public void ProcessesSharingAKey_HonourEachOthersQuotes() =>
        Assert.True(Signer(Key).TryVerify(Signer(Key).Sign(Content), out _));

    [Fact]
    public void WithoutAConfiguredKey_EachProcessHasItsOwn() =>
        Assert.False(Signer(null).TryVerify(Signer(null).Sign(Content), out _));

    [Theory]
    [InlineData("")]
    [InlineData("q1")]
    [InlineData("q1..")]
    [InlineData("q2.e30.AAAA")]
    [InlineData("not a quote at all")]
    [InlineData("q1.!!!.???")]
    public void Garbage_IsRefused(string quoteId) =>
        Assert.False(Signer(Key).TryVerify(quoteId, out _));

    private static QuoteSigner Signer(string? key) =>
        new(Options.Create(new CatalogOptions { QuoteSigningKey = key }), NullLogger<QuoteSigner>.Instance);
}
