using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Catalog;

/// <summary>Section "Catalog".</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>The catalog file; unset: the embedded demo catalog. Fixed at startup; the file's contents reload on change.</summary>
    public string? Path { get; set; }

    /// <summary>How often the catalog file is read to see whether it changed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a quote's price holds.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan QuoteTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The HMAC-SHA256 key quotes are signed with, at least 32 characters; every replica that may
    /// receive a quote needs the same key. Unset: a random key per process, so a quote is honoured
    /// only by the process that issued it, and not after a restart.
    /// </summary>
    [MinLength(32)]
    public string? QuoteSigningKey { get; set; }
}
