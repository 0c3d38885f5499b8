using System.Diagnostics;

namespace AuditKit.Tests.Support;

/// <summary>The <c>auditkit</c> program as a real child process (built beside the tests), for tests that kill it or run several at once.</summary>
internal static class CliProcess
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "AuditKit.Cli.dll");

    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Starts it with <paramref name="variables"/> set in its environment (a null value removes the variable).</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?> variables, params string[] args)
    {
        File.Exists(CliDll).ShouldBeTrue($"{CliDll} is built beside the tests");
        return StartProgram("dotnet", workingDirectory, variables, [CliDll, .. args]);
    }

    /// <summary>Starts any program with its output captured and <paramref name="variables"/> set (null removes one).</summary>
    public static Process StartProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string?> variables, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in variables)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
    }

    /// <summary>Runs a program to its end (at most fifteen minutes: builds are slow on a busy machine): its exit code and what it wrote.</summary>
    public static Task<(int ExitCode, string Out, string Error)> RunProgram(
        string program, string workingDirectory, IReadOnlyDictionary<string, string?> variables, params string[] args) =>
        Finish(StartProgram(program, workingDirectory, variables, args), TimeSpan.FromMinutes(15));

    /// <summary>Waits for the process to end (at most <paramref name="timeout"/>, five minutes unless given): its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> Finish(Process process, TimeSpan? timeout = null)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(5));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), await error);
        }
    }
}
