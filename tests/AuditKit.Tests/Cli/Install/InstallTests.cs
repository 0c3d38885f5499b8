using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Install;

/// <summary>
/// The ways AuditKit is installed, end to end from the repository: the .NET tool put in a tool path with
/// <c>dotnet tool install</c>, and the self-contained executable run where no .NET can be found.
/// </summary>
public sealed class InstallTests(PublishedBuilds builds) : IClassFixture<PublishedBuilds>
{
    [Fact]
    public async Task Tool_PackedAndInstalledIntoAToolPath_RunsTheSampleFromAnotherFolder()
    {
        var tools = Path.Combine(builds.Root, "tools");
        var work = Path.Combine(builds.Root, "tool-work");
        Directory.CreateDirectory(work);
        // Only the package folder as a source, and a packages folder of its own: nothing from a feed or an earlier run.
        var config = Path.Combine(builds.Root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="built" value="{builds.PackageFolder}" />
              </packageSources>
            </configuration>
            """);
        var variables = Home(work);
        variables["NUGET_PACKAGES"] = Path.Combine(builds.Root, "nuget-packages");
        variables["DOTNET_ROOT"] = PublishedBuilds.DotnetRoot;

        var install = await CliProcess.RunProgram("dotnet", work, variables, "tool", "install", "--tool-path", tools, "--configfile", config, "AuditKit");
        install.ExitCode.ShouldBe(0, install.Out + install.Error);
        var auditkit = Path.Combine(tools, OperatingSystem.IsWindows() ? "auditkit.exe" : "auditkit");

        var version = await CliProcess.RunProgram(auditkit, work, variables, "--version");
        var help = await CliProcess.RunProgram(auditkit, work, variables, "--help");
        var run = await CliProcess.RunProgram(auditkit, work, variables, RunSample);

        version.ExitCode.ShouldBe(0, version.Error);
        version.Out.ShouldMatch(@"^\d+\.\d+\.\d+");
        help.Out.ShouldContain("Usage:\n  auditkit [command] [options]");
        run.ExitCode.ShouldBe(3, run.Error);
        run.Out.ShouldContain("Store auditkit.db: 145 audits (145 new, ");
        File.Exists(Path.Combine(work, "out", "summary.json")).ShouldBeTrue();
        File.Exists(Path.Combine(work, "auditkit.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Executable_WithNoDotnetToBeFound_ChecksAndRunsTheSample()
    {
        var work = Path.Combine(builds.Root, "exe-work");
        Directory.CreateDirectory(work);
        var variables = Home(work);
        // No dotnet on the path, DOTNET_ROOT pointing nowhere: the program must carry its own runtime.
        variables["PATH"] = string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Where(folder => folder.Length > 0 && !File.Exists(Path.Combine(folder, "dotnet")) && !File.Exists(Path.Combine(folder, "dotnet.exe"))));
        variables["DOTNET_ROOT"] = Path.Combine(builds.Root, "no-dotnet-here");
        variables["DOTNET_ROOT_X64"] = null;
        variables["DOTNET_HOST_PATH"] = null;

        var version = await CliProcess.RunProgram(builds.Executable, work, variables, "--version");
        var check = await CliProcess.RunProgram(builds.Executable, work, variables, "check", "--template", SettingsFolder.Template, "--submissions", SettingsFolder.Samples);
        var run = await CliProcess.RunProgram(builds.Executable, work, variables, RunSample);

        version.ExitCode.ShouldBe(0, version.Error);
        check.ExitCode.ShouldBe(3, check.Error);
        check.Out.ShouldContain("Checked 150 row(s) in 1 file: 145 ready, 5 to fix.");
        run.ExitCode.ShouldBe(3, run.Error);
        File.Exists(Path.Combine(work, "out", "summary.json")).ShouldBeTrue();
    }

    private static string[] RunSample =>
        ["run", "--template", SettingsFolder.Template, "--submissions", SettingsFolder.Samples, "--out", "out", "--as-of", "2026-11-30", "--outputs", "json"];

    /// <summary>A home of its own, so that no settings of the machine's user reach the program.</summary>
    private static Dictionary<string, string?> Home(string work) => new()
    {
        ["HOME"] = work,
        ["XDG_CONFIG_HOME"] = Path.Combine(work, ".config"),
        ["APPDATA"] = Path.Combine(work, "AppData"),
        ["AUDITKIT_DB"] = null,
        ["AUDITKIT_CONNECTION"] = null,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
