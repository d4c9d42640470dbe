using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.Tests.Infrastructure;
using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// The adapter's wire types, codes and amounts held against CAMARA's published specs
/// (shared/data/camara), and the checker and stand-in the other tests rely on held to them too.
/// </summary>
public sealed class CarrierBillingSpecTests
{
    public static TheoryData<Type, string, string> WireTypes => new()
    {
        { typeof(CamaraChargingInformation), "payments", "ChargingInformation" },
        { typeof(CamaraChargingMetaData), "payments", "ChargingMetaData" },
        { typeof(CamaraPaymentAmount), "payments", "PaymentAmountForReserve" },
        { typeof(CamaraAmountTransaction), "payments", "AmountTransactionInput" },
        { typeof(CamaraSinkCredential), "payments", "AccessTokenCredential" },
        { typeof(CamaraPaymentRequest), "payments", "BodyAmountReservationTransactionForReserveInput" },
        { typeof(CamaraPayment), "payments", "BodyAmountReservationTransactionForReserve" },
        { typeof(CamaraValidateRequest), "payments", "ValidatePayment" },
        { typeof(CamaraPhoneNumber), "payments", "PhoneNumber" },
        { typeof(CamaraError), "payments", "ErrorInfo" },
        { typeof(CamaraCloudEvent), "payments", "CloudEvent" },
        { typeof(CamaraRefundRequest), "refunds", "CreatePartialRefund" },
        { typeof(CamaraRefundTransaction), "refunds", "AmountTransactionPartialRefund" },
        { typeof(CamaraRefundAmount), "refunds", "RefundAmountPartialRefund" },
        { typeof(CamaraRefund), "refunds", "PartialRefund" },
        { typeof(CamaraRemainingAmount), "refunds", "PaymentRemainingAmount" },
        { typeof(CamaraEventData), "refunds", "BasicEvent" },
    };

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void WireType_PropertyNames_AreThoseOfItsSchema(Type wireType, string spec, string schema)
    {
        var names = Names(wireType);
        var specification = spec == "payments" ? OpenApiSpec.CarrierBilling : OpenApiSpec.CarrierBillingRefund;

        Assert.NotEmpty(names);
        Assert.Subset(specification.Properties(schema).ToHashSet(), names);
        if (wireType.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            Assert.Subset(names, specification.Required(schema).ToHashSet());
        }
    }

    [Fact]
    public void ValidationInfo_ReadsBothShapes()
    {
        var both = OpenApiSpec.CarrierBilling.Properties("Open").Union(OpenApiSpec.CarrierBilling.Properties("Validate")).ToHashSet();

        Assert.Equal(both, Names(typeof(CamaraValidationInfo)));
        Assert.Equal(new HashSet<string> { "open", "validate" }, OpenApiSpec.CarrierBilling.Enum("ValidationInfo", "action"));
    }

    [Fact]
    public void CodesTheMappingNames_AreInTheSpecsErrorResponses()
    {
        var payments = OpenApiSpec.CarrierBilling.ErrorCodes();

        Assert.Subset(payments.ToHashSet(), CarrierBillingMapping.Denials.Keys.ToHashSet());
        Assert.Subset(payments.ToHashSet(), new HashSet<string>
        {
            CarrierBillingMapping.InvalidCode, CarrierBillingMapping.ValidationFailed, CarrierBillingMapping.InvalidAuthorization,
            "CARRIER_BILLING.PAYMENT_CONFIRMED", "INVALID_ARGUMENT", "ALREADY_EXISTS",
        });
        Assert.Subset(OpenApiSpec.CarrierBillingRefund.ErrorCodes().ToHashSet(), CarrierBillingMapping.RefundDenials.Keys.ToHashSet());
    }

    [Fact]
    public void NotificationTypes_AreTheOnesTheAdapterReads()
    {
        Assert.All(OpenApiSpec.CarrierBilling.DiscriminatorValues("CloudEvent"),
            type => Assert.StartsWith("org.camaraproject.carrier-billing.v0.payment-", type, StringComparison.Ordinal));
        Assert.All(OpenApiSpec.CarrierBillingRefund.DiscriminatorValues("CloudEvent"),
            type => Assert.StartsWith("org.camaraproject.carrier-billing-refund.v0.refund-", type, StringComparison.Ordinal));
        Assert.Contains("org.camaraproject.carrier-billing.v0.payment-completed", OpenApiSpec.CarrierBilling.DiscriminatorValues("CloudEvent"));
    }

    [Fact]
    public void Checker_RequestThatBreaksTheSpec_ReportsEachViolation()
    {
        var body = new JsonObject
        {
            ["amountTransaction"] = new JsonObject
            {
                ["phoneNumber"] = "015112345678",
                ["paymentAmount"] = new JsonObject
                {
                    ["chargingInformation"] = new JsonObject { ["amount"] = "4.99", ["currency"] = "EUR", ["description"] = "100 coins" },
                },
            },
            ["sinkCredential"] = new JsonObject { ["credentialType"] = "ACCESSTOKEN", ["accessToken"] = "t" },
            ["colour"] = "blue",
        };
        var json = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["x-correlator"] = "not a correlator!" };

        var (violations, operation) = OpenApiSpec.CarrierBilling.RequestViolations("POST", "/carrier-billing/v0.5/payments/prepare", "", json, body.ToJsonString());

        Assert.Equal("preparePayment", operation);
        Assert.Contains(violations, v => v.Contains("'referenceCode'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("015112345678", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("amount: String", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'accessTokenExpiresUtc'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'colour'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("x-correlator", StringComparison.Ordinal));
        var plain = new Dictionary<string, string> { ["x-correlator"] = "b4333c46-49c0-4f62-80d7-f0ef930f1c46" };
        Assert.Contains("query parameter 'colour'", Assert.Single(OpenApiSpec.CarrierBilling.RequestViolations("GET", "/carrier-billing/v0.5/payments", "colour=blue&perPage=100", plain, "").Violations), StringComparison.Ordinal);
        Assert.Null(OpenApiSpec.CarrierBilling.RequestViolations("DELETE", "/carrier-billing/v0.5/payments/p1", "", json, "").OperationId);
        Assert.Equal("retrievePaymentRemainingAmount", OpenApiSpec.CarrierBillingRefund.RequestViolations("GET", "/carrier-billing-refund/v0.3/payments/p1/refunds/remaining-amount", "", json, "").OperationId);
    }

    [Fact]
    public async Task TheStandInsAnswers_ConformToTheSpecs()
    {
        await using var stub = await CarrierBillingStub.StartAsync();
        using var gateway = Gateway(stub);
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(), default));
        await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default);
        await gateway.RefundAsync(new GatewayRefund("rfd_1", action.GatewayReference, new Money("EUR", 100), "rch_01:refund:1"), default);
        await gateway.RefundAsync(new GatewayRefund("rfd_2", action.GatewayReference, new Money("EUR", 399), "rch_01:refund:2"), default);

        Assert.Empty(OpenApiSpec.CarrierBilling.Violations(stub.PaymentResource(action.GatewayReference), "Payment"));
        Assert.All(stub.RefundsOf(action.GatewayReference), refund => Assert.Empty(OpenApiSpec.CarrierBillingRefund.Violations(refund, "Refund")));
        Assert.Empty(OpenApiSpec.CarrierBilling.Violations(
            JsonNode.Parse(CarrierBillingStub.Notification("org.camaraproject.carrier-billing.v0.payment-completed", action.GatewayReference)), "CloudEvent"));
        Assert.Empty(OpenApiSpec.CarrierBilling.Violations(JsonNode.Parse(CarrierBillingStub.Error(403, "CARRIER_BILLING.PAYMENT_DENIED", "Denied.").Json!), "ErrorInfo"));
        Assert.Empty(stub.SpecViolations);
    }

    [Theory]
    [InlineData("EUR", 499, "4.99")]
    [InlineData("EUR", 1, "0.01")]
    [InlineData("BRL", 5000, "50")]
    [InlineData("JPY", 800, "800")]
    [InlineData("KWD", 1234, "1.234")]
    public void Amounts_AreExactCamaraNumbers(string currency, long minorUnits, string camara)
    {
        var amount = CarrierBillingAmounts.ToCamara(new Money(currency, minorUnits))!.Value;

        Assert.Equal(decimal.Parse(camara, System.Globalization.CultureInfo.InvariantCulture), amount);
        var charging = new JsonObject { ["amount"] = amount, ["currency"] = currency, ["description"] = "coins" };
        Assert.Empty(OpenApiSpec.CarrierBilling.Violations(charging, "ChargingInformation"));
        Assert.Equal(new Money(currency, minorUnits), CarrierBillingAmounts.FromCamara(currency, amount));
    }

    [Theory]
    [InlineData("EUR", "4.999")]
    [InlineData("JPY", "800.5")]
    [InlineData("EUR", "-1")]
    [InlineData("XYZ", "1")]
    public void CamaraAmount_NotExactlyMoney_IsNull(string currency, string amount)
    {
        Assert.Null(CarrierBillingAmounts.FromCamara(currency, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static HashSet<string> Names(Type wireType) =>
        wireType.GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet();
}
