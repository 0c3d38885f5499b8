using AuditKit.Cli.Hosting;

namespace AuditKit.Tests.Cli.Install;

/// <summary>The user's and machine's configuration folders, from the variables each system sets.</summary>
public sealed class ConfigFoldersTests
{
    [Theory]
    [InlineData("/home/ana/.xdg", "/home/ana", "/home/ana/.xdg/auditkit")]
    [InlineData(null, "/home/ana", "/home/ana/.config/auditkit")]
    [InlineData("relative/xdg", "/home/ana", "/home/ana/.config/auditkit")]
    [InlineData("", "/home/ana", "/home/ana/.config/auditkit")]
    [InlineData(null, null, null)]
    public void User_Linux_FollowsXdgThenHome(string? xdg, string? home, string? expected)
    {
        var variables = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = xdg, ["HOME"] = home };

        var folder = ConfigFolders.User(windows: false, name => variables.GetValueOrDefault(name));

        folder?.Replace('\\', '/').ShouldBe(expected);
    }

    [Fact]
    public void Folders_Windows_AppDataAndProgramData()
    {
        var root = Path.GetTempPath();
        var variables = new Dictionary<string, string?> { ["APPDATA"] = Path.Combine(root, "Roaming"), ["ProgramData"] = Path.Combine(root, "ProgramData"), ["XDG_CONFIG_HOME"] = "/x" };

        ConfigFolders.User(windows: true, name => variables.GetValueOrDefault(name)).ShouldBe(Path.Combine(root, "Roaming", "AuditKit"));
        ConfigFolders.Machine(windows: true, name => variables.GetValueOrDefault(name)).ShouldBe(Path.Combine(root, "ProgramData", "AuditKit"));
        ConfigFolders.Machine(windows: false, _ => null).ShouldBe("/etc/auditkit");
    }
}
