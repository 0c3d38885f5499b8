using System.Runtime.InteropServices;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Install;

/// <summary>
/// <c>scripts/publish.sh</c> run once for the tests of this class: the self-contained single-file executable for this
/// machine and the .NET tool package, built from the repository into a temp folder (the slow part: a few minutes).
/// </summary>
public sealed class PublishedBuilds : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "auditkit-publish-" + Guid.NewGuid().ToString("N")[..12]);

    public static string Rid => (OperatingSystem.IsWindows() ? "win-" : "linux-") + (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64");

    /// <summary>The single-file program.</summary>
    public string Executable => Path.Combine(Root, "dist", Rid, OperatingSystem.IsWindows() ? "auditkit.exe" : "auditkit");

    public string PackageFolder => Path.Combine(Root, "dist", "tool");

    /// <summary>The folder holding the dotnet that runs the tests (for DOTNET_ROOT where the SDK is meant to be found).</summary>
    public static string? DotnetRoot =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? Path.GetDirectoryName(path) : null;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var variables = new Dictionary<string, string?>
        {
            ["OUT"] = Path.Combine(Root, "dist"),
            ["RIDS"] = Rid,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var (exitCode, output, error) = await CliProcess.RunProgram("bash", RepoPaths.Root, variables, RepoPaths.InRepo("scripts", "publish.sh"));
        exitCode.ShouldBe(0, $"scripts/publish.sh failed:\n{output}\n{error}");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
