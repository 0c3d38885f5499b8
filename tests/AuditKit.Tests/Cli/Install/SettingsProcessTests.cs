using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Install;

/// <summary>The real program reading its real environment: XDG_CONFIG_HOME and AUDITKIT_DB set for the child process only.</summary>
public sealed class SettingsProcessTests : IDisposable
{
    private readonly SettingsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ConfigShow_ChildProcess_ReadsTheUserFolderFromXdgAndTheVariableOverIt()
    {
        var config = Path.Combine(_folder.Root, "xdg");
        Directory.CreateDirectory(Path.Combine(config, "auditkit"));
        File.WriteAllText(Path.Combine(config, "auditkit", "auditkit.json"), """{ "Db": "history.db" }""");
        var variables = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = config, ["HOME"] = _folder.Root, ["AUDITKIT_DB"] = null, ["AUDITKIT_CONNECTION"] = null };

        var fromFile = await CliProcess.Finish(CliProcess.Start(_folder.Elsewhere, variables, "config", "show"));
        variables["AUDITKIT_DB"] = Path.Combine(_folder.Root, "env.db");
        var fromVariable = await CliProcess.Finish(CliProcess.Start(_folder.Elsewhere, variables, "config", "show"));

        fromFile.ExitCode.ShouldBe(0, fromFile.Error);
        fromFile.Out.ShouldContain($"Store: the SQLite file {Path.Combine(config, "auditkit", "history.db")} (not created yet)\n  from {Path.Combine(config, "auditkit", "auditkit.json")}\n");
        fromVariable.Out.ShouldContain($"Store: the SQLite file {Path.Combine(_folder.Root, "env.db")} (not created yet)\n  from AUDITKIT_DB\n");
    }
}
