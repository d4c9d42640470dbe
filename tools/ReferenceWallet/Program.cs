using PaymentCore.ReferenceWallet;

ReferenceWalletHost.Build(args).Run();
