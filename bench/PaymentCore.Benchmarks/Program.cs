using BenchmarkDotNet.Running;
using PaymentCore.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkHost).Assembly).Run(args);
