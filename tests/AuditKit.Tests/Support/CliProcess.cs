using System.Diagnostics;

namespace AuditKit.Tests.Support;

/// <summary>The <c>auditkit</c> program as a real child process (built beside the tests), for tests that kill it or run several at once.</summary>
internal static class CliProcess
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "AuditKit.Cli.dll");

    public static Process Start(string workingDirectory, params string[] args)
    {
        File.Exists(CliDll).ShouldBeTrue($"{CliDll} is built beside the tests");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Waits for the process to end (at most five minutes): its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> Finish(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), await error);
        }
    }
}
