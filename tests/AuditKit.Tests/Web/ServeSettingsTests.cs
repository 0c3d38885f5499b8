using AuditKit.Tests.Support;

namespace AuditKit.Tests.Web;

/// <summary><c>auditkit serve</c> reads <c>Web:OpenIdConnect</c> and <c>Web:Proxy</c> from auditkit.json and stops on settings that cannot work.</summary>
public sealed class ServeSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "auditkit-serve-settings-" + Guid.NewGuid().ToString("N"));

    public ServeSettingsTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Serve_OpenIdWithoutSecretAndAProxyThatIsNotAnAddress_StopsNamingBoth()
    {
        File.WriteAllText(Path.Combine(_folder, "auditkit.json"), """
            { "Web": {
                "OpenIdConnect": { "Authority": "https://login.example.test/t/v2.0", "ClientId": "abc", "Roles": { "Map": { "AuditKit.TeamManager": "team_manager" } } },
                "Proxy": { "ForwardedHeaders": true, "KnownProxies": ["proxy.council"] } } }
            """);

        var result = await CliRunner.RunAsync(_folder, "serve", "--templates", RepoPaths.InRepo("templates"), "--urls", "http://127.0.0.1:0");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Web:OpenIdConnect:ClientSecret is missing");
        result.Error.ShouldContain("Web:Proxy:KnownProxies holds 'proxy.council'");
    }

    [Fact]
    public async Task ConfigShow_HidesTheClientSecret()
    {
        File.WriteAllText(Path.Combine(_folder, "auditkit.json"), """{ "Web": { "OpenIdConnect": { "ClientSecret": "very secret value" } } }""");
        var result = await CliRunner.RunAsync(_folder, "config", "show");
        result.Out.ShouldContain("Web:OpenIdConnect:ClientSecret = (hidden)");
        result.Out.ShouldNotContain("very secret value");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
