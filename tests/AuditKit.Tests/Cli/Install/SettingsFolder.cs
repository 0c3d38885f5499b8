using AuditKit.Cli.Hosting;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Install;

/// <summary>
/// A temp tree standing in for a machine: a machine and a user configuration folder and two working folders, with
/// environment variables given to the program (never set in the test process).
/// </summary>
internal sealed class SettingsFolder : IDisposable
{
    public SettingsFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "auditkit-settings-" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var folder in new[] { Machine, User, Work, Elsewhere })
        {
            Directory.CreateDirectory(folder);
        }
    }

    public string Root { get; }

    public string Machine => Path.Combine(Root, "etc", "auditkit");

    public string User => Path.Combine(Root, "home", ".config", "auditkit");

    public string Work => Path.Combine(Root, "work");

    public string Elsewhere => Path.Combine(Root, "elsewhere");

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public static string Template => RepoPaths.InRepo("templates", "quality-of-practice.yaml");

    public static string Samples => RepoPaths.InRepo("samples", "audits");

    /// <summary>Writes <c>auditkit.json</c> into <paramref name="folder"/>.</summary>
    public void Settings(string folder, string json) => File.WriteAllText(Path.Combine(folder, "auditkit.json"), json);

    public CliEnvironment Environment(string workingDirectory) =>
        CliEnvironment.ForTests(workingDirectory, CliRunner.FixedNow) with
        {
            Variables = Variables,
            UserConfigFolder = User,
            MachineConfigFolder = Machine,
        };

    public Task<CliResult> RunAsync(string workingDirectory, params string[] args) => CliRunner.RunAsync(Environment(workingDirectory), args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
