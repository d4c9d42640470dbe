using System.ComponentModel.DataAnnotations;

namespace PaymentCore.Stores.InMemory;

/// <summary>Section "InMemoryStore": the embedded default store (no Redis).</summary>
public sealed class InMemoryStoreOptions
{
    public const int DefaultSettledCapacity = 100_000;

    /// <summary>
    /// Settled recharges kept (about 2 KB each: 100 000 ≈ 200 MB at most); older ones are let go
    /// (with a ledger they are read from it; without, they are gone). Unsettled ones are all kept.
    /// </summary>
    [Range(1, 100_000_000)]
    public int SettledCapacity { get; set; } = DefaultSettledCapacity;
}
