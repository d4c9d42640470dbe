using PaymentCore.Hosting;

PaymentCoreHost.Build(args).Run();
