using PaymentCore.Api;
using PaymentCore.Api.V1;
using PaymentCore.Catalog;
using PaymentCore.Errors;
using PaymentCore.PaymentMethods;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.PaymentMethods;

/// <summary>
/// Every payment method's field violations, word for word: the proto path and the description a
/// caller reads. The registry moved them into one class per method; these pin that nothing changed.
/// </summary>
public sealed class PaymentMethodValidationTests
{
    private static readonly RechargeRequestValidator Validator = new(new CatalogSource(CatalogLoader.LoadEmbeddedDemo()), PaymentMethodRegistry.Default, TimeProvider.System);

    public static TheoryData<PaymentMethod?, string[]> BadMethods => new()
    {
        { null, ["payment_method: is required: set one of sandbox, card, paypal, voucher, local_wallet, carrier_billing, pix, sepa_debit, konbini, klarna, qris, knet, virtual_account, ewallet"] },
        { new PaymentMethod(), ["payment_method: is required: set one of sandbox, card, paypal, voucher, local_wallet, carrier_billing, pix, sepa_debit, konbini, klarna, qris, knet, virtual_account, ewallet"] },
        { new PaymentMethod { Sandbox = new SandboxMethod { Token = "sandbox_nope" } },
            ["payment_method.sandbox.token: must be one of sandbox_ok, sandbox_decline_card_declined, sandbox_decline_insufficient_funds, sandbox_3ds, sandbox_timeout, sandbox_unavailable, sandbox_pix, sandbox_sepa_debit, sandbox_sepa_debit_insufficient_funds, sandbox_konbini, sandbox_ovo, sandbox_3ds_on_repeat, sandbox_expired_on_repeat"]
        },
        { new PaymentMethod { Card = new CardMethod() }, ["payment_method.card.gateway_token: is required"] },
        { new PaymentMethod { Card = new CardMethod { GatewayToken = new string('t', 256) } },
            ["payment_method.card.gateway_token: must be at most 255 characters, got 256"]
        },
        { new PaymentMethod { Card = new CardMethod { GatewayToken = "pm_\u0001" } },
            ["payment_method.card.gateway_token: must contain only printable ASCII characters"]
        },
        { new PaymentMethod { Paypal = new PayPalMethod() },
            ["payment_method.paypal.return_url: is required", "payment_method.paypal.cancel_url: is required"]
        },
        { new PaymentMethod { Paypal = new PayPalMethod { ReturnUrl = "http://shop.example/ok", CancelUrl = "shop.example/no" } },
            ["payment_method.paypal.return_url: must be an absolute https URL", "payment_method.paypal.cancel_url: must be an absolute https URL"]
        },
        { new PaymentMethod { Voucher = new VoucherMethod { Code = "ABC" } }, ["payment_method.voucher.code: must be 6-64 letters, digits or dashes"] },
        { new PaymentMethod { Voucher = new VoucherMethod { Code = "ABCD EFGH" } },
            ["payment_method.voucher.code: must be 6-64 letters, digits or dashes"]
        },
        { new PaymentMethod { LocalWallet = new LocalWalletMethod { ReturnUrl = "https://shop.example/ok" } },
            ["payment_method.local_wallet.wallet: must be LOCAL_WALLET_ALIPAY or LOCAL_WALLET_WECHAT_PAY"]
        },
        { new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = (LocalWallet)9, ReturnUrl = "http://shop.example/ok" } },
            ["payment_method.local_wallet.wallet: must be LOCAL_WALLET_ALIPAY or LOCAL_WALLET_WECHAT_PAY", "payment_method.local_wallet.return_url: must be an absolute https URL"]
        },
        { new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.Alipay } },
            ["payment_method.local_wallet.return_url: is required"]
        },
        { new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay, ReturnUrl = "http://shop.example/ok" } },
            ["payment_method.local_wallet.return_url: must be an absolute https URL"]
        },
        { new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay, ReturnUrl = "https://shop.example/" + new string('a', 2028) } },
            ["payment_method.local_wallet.return_url: must be at most 2048 characters, got 2049"]
        },
        { new PaymentMethod { Ewallet = new EwalletMethod { PhoneNumber = "+6281234567890" } },
            ["payment_method.ewallet.wallet: must be one of EWALLET_WALLET_OVO, EWALLET_WALLET_DANA, EWALLET_WALLET_SHOPEEPAY"]
        },
        { new PaymentMethod { Ewallet = new EwalletMethod { Wallet = EwalletWallet.Ovo, PhoneNumber = "081234567890" } },
            ["payment_method.ewallet.phone_number: is required for OVO: the E.164 number of the payer's OVO account, e.g. +6281234567890"]
        },
        { new PaymentMethod { Ewallet = new EwalletMethod { Wallet = EwalletWallet.Ovo, PhoneNumber = "+6281234567890", ReturnUrl = "https://shop.example/ok" } },
            ["payment_method.ewallet.return_url: must be empty for OVO: the payer approves in the OVO app, no page returns"]
        },
        { new PaymentMethod { Ewallet = new EwalletMethod { Wallet = EwalletWallet.Dana } }, ["payment_method.ewallet.return_url: is required"] },
        { new PaymentMethod { Ewallet = new EwalletMethod { Wallet = EwalletWallet.Shopeepay, ReturnUrl = "https://shop.example/ok", PhoneNumber = "+6281234567890" } },
            ["payment_method.ewallet.phone_number: must be empty except for OVO"]
        },
    };

    [Theory]
    [MemberData(nameof(BadMethods))]
    public void BadPaymentMethod_IsRefusedWithTheSameViolationsAsEver(PaymentMethod? method, string[] expected)
    {
        var request = Requests.Create();
        request.PaymentMethod = method;

        var error = Assert.Throws<PaymentCoreException>(() => Validator.ValidateCreate(request, "caller"));

        Assert.Equal(expected, error.Violations.Select(v => $"{v.Field}: {v.Description}"));
    }

    [Fact]
    public void WeChatPay_WithoutReturnUrl_IsValid()
    {
        var request = Requests.Create(region: "JP");
        request.PaymentMethod = new PaymentMethod { LocalWallet = new LocalWalletMethod { Wallet = LocalWallet.WechatPay } };

        var order = Validator.ValidateCreate(request, "caller");

        Assert.Equal(new Adapters.LocalWalletInstrument(Adapters.PaymentMethodType.WeChatPay, ReturnUrl: null), order.Instrument);
    }
}
