using AuditKit.Cli;
using AuditKit.Cli.Hosting;

namespace AuditKit.Tests.Support;

/// <summary>Runs the <c>auditkit</c> program in-process with captured output, a fixed clock and a given working folder.</summary>
internal static class CliRunner
{
    public static readonly DateTimeOffset FixedNow = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(CliEnvironment.ForTests(workingDirectory, FixedNow), args);

    /// <summary>Runs it in <paramref name="environment"/> (its working folder, variables and configuration folders).</summary>
    public static async Task<CliResult> RunAsync(CliEnvironment environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await AuditKitCli.InvokeAsync(args, stdout, stderr, environment);
        return new CliResult(exitCode, Scrub(stdout.ToString(), environment.WorkingDirectory), Scrub(stderr.ToString(), environment.WorkingDirectory));
    }

    /// <summary>Output with the machine-specific folder names taken out, for snapshots.</summary>
    private static string Scrub(string text, string workingDirectory)
    {
        var root = RepoPaths.Root.Replace('\\', '/');
        var work = Path.GetFullPath(workingDirectory).Replace('\\', '/').TrimEnd('/');
        return text.Replace('\\', '/').Replace(work + "/", string.Empty, StringComparison.Ordinal)
            .Replace(root + "/", string.Empty, StringComparison.Ordinal);
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error);
