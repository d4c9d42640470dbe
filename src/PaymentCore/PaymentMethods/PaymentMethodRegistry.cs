using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using PaymentCore.Adapters;
using PaymentCore.FraudRules;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// Every payment method PaymentCore takes, indexed by type, proto case and name. The validator,
/// the recharge mapping, the catalog loader, the instrument limits and the fraud rules all read
/// the methods from here, so a method exists everywhere or nowhere.
/// </summary>
public sealed class PaymentMethodRegistry
{
    private readonly FrozenDictionary<PaymentMethodType, PaymentMethodEntry> _byType;
    private readonly FrozenDictionary<V1.PaymentMethod.MethodOneofCase, PaymentMethodEntry[]> _byCase;
    private readonly FrozenDictionary<string, PaymentMethodEntry> _byName;
    private readonly string _cases;

    /// <exception cref="ArgumentException">Two entries share a type or a name.</exception>
    public PaymentMethodRegistry(IEnumerable<PaymentMethodEntry> entries)
    {
        All = entries.OrderBy(e => e.Type).ToList().AsReadOnly();
        if (All.GroupBy(e => e.Type).FirstOrDefault(g => g.Count() > 1) is { } sameType)
        {
            throw new ArgumentException($"Payment method {sameType.Key} has {sameType.Count()} entries: {string.Join(", ", sameType.Select(e => e.GetType().Name))}.", nameof(entries));
        }

        if (All.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } sameName)
        {
            throw new ArgumentException($"Payment method name '{sameName.Key}' is taken by {string.Join(", ", sameName.Select(e => e.GetType().Name))}.", nameof(entries));
        }

        _byType = All.ToFrozenDictionary(e => e.Type);
        _byCase = All.GroupBy(e => e.ProtoCase).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _byName = All.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
        Names = All.Select(e => e.Name).ToList().AsReadOnly();
        RuleVocabulary = new RuleVocabulary(paymentMethods: Names);
        _cases = string.Join(", ", All.Select(e => e.ProtoField).Distinct());
    }

    /// <summary>
    /// Every <see cref="PaymentMethodEntry"/> subclass of this assembly, one instance each: a new
    /// method's class is all it takes to be here. The instance the host's services are given.
    /// </summary>
    public static PaymentMethodRegistry Default { get; } = new(
        typeof(PaymentMethodEntry).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PaymentMethodEntry)) && !t.IsAbstract)
            .Select(t => (PaymentMethodEntry)Activator.CreateInstance(t)!));

    /// <summary>The entries in <see cref="PaymentMethodType"/> order, the order every list of methods is shown in.</summary>
    public IReadOnlyList<PaymentMethodEntry> All { get; }

    /// <summary>The methods' names ("sandbox", "card", …) in registry order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>What the fraud rules may compare <c>:payment_method:</c> with: these names and no others.</summary>
    public RuleVocabulary RuleVocabulary { get; }

    /// <summary>The entry of a type; a type without one is a bug (the registry test proves there is none).</summary>
    public PaymentMethodEntry this[PaymentMethodType type] =>
        _byType.TryGetValue(type, out var entry) ? entry : throw new InvalidOperationException($"Payment method {type} has no registry entry.");

    public bool TryFind(string name, [NotNullWhen(true)] out PaymentMethodEntry? entry) => _byName.TryGetValue(name, out entry);

    /// <summary>The methods a request may name with <paramref name="protoCase"/>, in registry order.</summary>
    public IReadOnlyList<PaymentMethodEntry> ForCase(V1.PaymentMethod.MethodOneofCase protoCase) =>
        _byCase.TryGetValue(protoCase, out var entries) ? entries : [];

    /// <summary>The instrument a request's payment method names, or null with every problem added to <paramref name="violations"/>.</summary>
    public PaymentInstrument? Validate(V1.PaymentMethod? method, IFieldViolations violations)
    {
        var sameCase = method is null ? [] : ForCase(method.MethodCase);
        if (sameCase.Count == 0)
        {
            violations.Add("payment_method", $"is required: set one of {_cases}");
            return null;
        }

        if (sameCase.FirstOrDefault(e => e.Claims(method!)) is { } entry)
        {
            return entry.Validate(method!, violations);
        }

        sameCase[0].RefuseUnclaimed(method!, violations, sameCase);
        return null;
    }

    /// <summary>What identifies the instrument for the instrument limits, or null when it is only known after the payer acts.</summary>
    public string? FingerprintOf(string userId, PaymentInstrument instrument) => this[instrument.MethodType].FingerprintOf(userId, instrument);
}
