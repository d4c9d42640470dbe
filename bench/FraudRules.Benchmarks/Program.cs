using BenchmarkDotNet.Running;
using PaymentCore.FraudRules.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(RuleSetBenchmarks).Assembly).Run(args);
