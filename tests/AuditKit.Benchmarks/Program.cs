using BenchmarkDotNet.Running;

namespace AuditKit.Benchmarks;

/// <summary>Runs every benchmark in this assembly; pick with <c>--filter</c>, e.g. <c>--filter '*Rules*' --job short</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
