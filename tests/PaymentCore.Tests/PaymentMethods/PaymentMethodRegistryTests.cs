using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Api;
using PaymentCore.Catalog;
using PaymentCore.Fraud;
using PaymentCore.PaymentMethods;
using PaymentCore.Recharges;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using V1 = PaymentCore.Api.V1;

namespace PaymentCore.Tests.PaymentMethods;

/// <summary>
/// The registry is the one list of payment methods: every type has exactly one entry, and each
/// entry's request, stored instrument, limit fingerprint and proto type agree with each other.
/// A new method is covered here by its class alone.
/// </summary>
public sealed class PaymentMethodRegistryTests
{
    private static readonly PaymentMethodRegistry Registry = PaymentMethodRegistry.Default;
    private static readonly RechargeRequestValidator Validator = new(new CatalogSource(CatalogLoader.LoadEmbeddedDemo()), Registry, TimeProvider.System);

    public static TheoryData<PaymentMethodType> Types => new(Enum.GetValues<PaymentMethodType>());

    [Fact]
    public void EveryPaymentMethodType_HasExactlyOneEntry()
    {
        var entryClasses = typeof(PaymentMethodEntry).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(PaymentMethodEntry)) && !t.IsAbstract);

        Assert.Equal(Enum.GetValues<PaymentMethodType>(), Registry.All.Select(e => e.Type));
        Assert.Equal(Registry.All.Count, entryClasses);
        Assert.Equal(Registry.All.Count, Registry.All.Select(e => e.Name).Distinct().Count());
        Assert.Equal(Registry.All.Count, Registry.All.Select(e => e.ProtoType).Distinct().Count());
    }

    [Fact]
    public void TwoEntriesForOneType_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PaymentMethodRegistry([new CardPaymentMethod(), new SandboxPaymentMethod(), new CardPaymentMethod()]));

        Assert.StartsWith("Payment method Card has 2 entries: CardPaymentMethod, CardPaymentMethod.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Entry_RoundTripsValidateStoreReadMap(PaymentMethodType type)
    {
        var entry = Registry[type];
        var request = Requests.Create();
        request.PaymentMethod = entry.Example;

        var instrument = Validator.ValidateCreate(request, "caller").Instrument;
        var stored = StoreAndRead(Recharge(instrument));
        var read = stored.Instrument!.ToInstrument();

        Assert.Equal((entry.ProtoCase, type), (request.PaymentMethod.MethodCase, instrument.MethodType));
        if (entry.InstrumentIsPersonalData)
        {
            // Kept masked: it reads back as kept, identifies nothing, and the clear value is nowhere in the stored recharge.
            var kept = RechargeInstrument.From(read);
            Assert.Equal(stored.Instrument with { Fields = null }, kept with { Fields = null });
            Assert.Equal(stored.Instrument.Fields ?? new Dictionary<string, string>(), kept.Fields ?? new Dictionary<string, string>());
            Assert.Null(Registry.FingerprintOf("user-1", read));
            Assert.NotNull(Registry.FingerprintOf("user-1", instrument));
            var clear = entry.Example.MethodCase == V1.PaymentMethod.MethodOneofCase.Ewallet ? entry.Example.Ewallet.PhoneNumber : entry.Example.CarrierBilling.PhoneNumber;
            Assert.NotEmpty(clear);
            Assert.DoesNotContain(clear, Encoding.UTF8.GetString(RedisJson.Write(stored, RechargeJson.Default.Recharge)!), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(instrument, read);
            Assert.Equal(Registry.FingerprintOf("user-1", instrument), Registry.FingerprintOf("user-1", read));
        }

        Assert.Equal(entry.ProtoType, stored.ToProto().PaymentMethodType);
        Assert.Equal("PAYMENT_METHOD_TYPE_" + entry.Name.ToUpperInvariant(), ProtoName(entry.ProtoType));
        Assert.Equal(type, CatalogLoader.PaymentMethodNames[entry.Name]);
    }

    /// <summary>Instruments as the releases before the registry wrote them into Redis.</summary>
    public static TheoryData<string, PaymentInstrument> StoredByEarlierReleases => new()
    {
        { """{"type":"Sandbox","token":"sandbox_3ds","returnUrl":null,"cancelUrl":null}""", new SandboxInstrument("sandbox_3ds") },
        { """{"type":"Card","token":"pm_card_visa","returnUrl":null,"cancelUrl":null}""", new CardInstrument("pm_card_visa") },
        {
            """{"type":"PayPal","token":null,"returnUrl":"https://shop.example/ok","cancelUrl":"https://shop.example/no"}""",
            new PayPalInstrument(new Uri("https://shop.example/ok"), new Uri("https://shop.example/no"))
        },
        { """{"type":"Voucher","token":"9f86d081884c7d65","returnUrl":null,"cancelUrl":null}""", new VoucherInstrument("9f86d081884c7d65") },
        { """{"type":"Alipay","token":null,"returnUrl":"https://shop.example/back","cancelUrl":null}""", new LocalWalletInstrument(PaymentMethodType.Alipay, new Uri("https://shop.example/back")) },
        { """{"type":"WeChatPay","token":null,"returnUrl":null,"cancelUrl":null}""", new LocalWalletInstrument(PaymentMethodType.WeChatPay, ReturnUrl: null) },
    };

    [Theory]
    [MemberData(nameof(StoredByEarlierReleases))]
    public void InstrumentStoredByAnEarlierRelease_StillReads_AndIsWrittenTheSameWay(string storedJson, PaymentInstrument expected)
    {
        var json = Encoding.UTF8.GetString(RedisJson.Write(Recharge(expected), RechargeJson.Default.Recharge)!);

        var read = RedisJson.Read(Encoding.UTF8.GetBytes(json), RechargeJson.Default.Recharge);

        Assert.Contains("\"instrument\":" + storedJson + ",", json, StringComparison.Ordinal);
        Assert.Equal(expected, read.Instrument!.ToInstrument());
    }

    [Fact]
    public void FieldsOfAMethodsOwn_SurviveTheStore()
    {
        var recharge = Recharge(new CardInstrument("pm_x")) with
        {
            Instrument = new RechargeInstrument(PaymentMethodType.Card, "pm_x") { Fields = new Dictionary<string, string> { ["phoneNumber"] = "+4915112345678" } },
        };

        var read = StoreAndRead(recharge).Instrument!;

        Assert.Equal(("pm_x", "+4915112345678"), (read.Token, read.Fields!["phoneNumber"]));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Entry_NamesOnlyGatewaysThatServeIt(PaymentMethodType type)
    {
        using var services = ConfiguredGateways.Build(ConfiguredGateways.EveryAdapter());
        var gateways = services.GetServices<IPaymentGateway>().ToList();

        Assert.Subset(KnownGateways.Names.ToHashSet(), Registry[type].Gateways.ToHashSet());
        Assert.Equal(
            gateways.Where(g => g.Capabilities.Methods.Contains(type)).Select(g => g.Name).Order(),
            Registry[type].Gateways.Order());
    }

    [Fact]
    public void FraudRules_CompareThePaymentMethodWithTheRegistrysNamesOnly()
    {
        var directory = Directory.CreateTempSubdirectory("registry-rules-").FullName;
        var rules = Path.Combine(directory, "rules.txt");
        File.WriteAllText(rules, string.Concat(Registry.Names.Select(n => $"r_{n}: review if :payment_method: = '{n}'\n")) + "r_crypto: block if :payment_method: = 'crypto'\n");
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => new FraudRuleSource(
            Options.Create(new FraudRulesOptions { Path = rules }), metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), NullLogger<FraudRuleSource>.Instance));

        Assert.EndsWith(
            $"line {Registry.Names.Count + 1}, column 39: expected one of {string.Join(", ", Registry.Names.Select(n => $"'{n}'"))} for :payment_method:, found the string 'crypto'",
            error.Message,
            StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    private static Recharge Recharge(PaymentInstrument instrument) => SampleRecharge.In(RechargeStatus.Processing, DateTimeOffset.UnixEpoch) with
    {
        Gateway = Registry[instrument.MethodType].Gateways[0],
        MethodType = instrument.MethodType,
        Instrument = RechargeInstrument.From(instrument),
    };

    private static string ProtoName(V1.PaymentMethodType type) =>
        V1.Recharge.Descriptor.FindFieldByNumber(V1.Recharge.PaymentMethodTypeFieldNumber).EnumType.FindValueByNumber((int)type).Name;

    /// <summary>Through the serializer the Redis store writes and reads recharges with.</summary>
    private static Recharge StoreAndRead(Recharge recharge) =>
        RedisJson.Read(RedisJson.Write(recharge, RechargeJson.Default.Recharge), RechargeJson.Default.Recharge);
}
