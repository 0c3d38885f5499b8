using BenchmarkDotNet.Running;

namespace AuditKit.Benchmarks;

/// <summary>
/// Runs every benchmark in this assembly; pick with <c>--filter</c>, e.g. <c>--filter '*Rules*' --job short</c>.
/// <c>web-load ...</c> runs the web app's load client instead (see <see cref="Web.WebLoad"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "web-load")
        {
            return await Web.WebLoad.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
