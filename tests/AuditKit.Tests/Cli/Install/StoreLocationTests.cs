using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Install;

/// <summary>
/// Where the history store comes from: options over AUDITKIT_ variables over the current folder's auditkit.json over
/// the user's over the machine's, else auditkit.db in the current folder; with the environment given to the program.
/// </summary>
public sealed class StoreLocationTests : IDisposable
{
    private readonly SettingsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_NothingConfigured_UsesAuditkitDbInTheCurrentFolderAndSaysWhy()
    {
        var result = await Run(_folder.Work);

        result.ExitCode.ShouldBe(3, result.Error);
        File.Exists(Path.Combine(_folder.Work, "auditkit.db")).ShouldBeTrue();
        result.Out.ShouldContain("Store auditkit.db: 145 audits (145 new, ");
        result.Out.ShouldContain("No store is configured, so the store is auditkit.db in the current folder;");
    }

    [Fact]
    public async Task Run_UserSettingsNameTheStore_TwoFoldersShareOneHistory()
    {
        _folder.Settings(_folder.User, """{ "Db": "history.db" }""");

        var first = await Run(_folder.Work);
        var second = await Run(_folder.Elsewhere);

        var store = Path.Combine(_folder.User, "history.db").Replace('\\', '/');
        first.Out.ShouldContain($"Store {store}: 145 audits (145 new, 0 revised, 0 unchanged)");
        first.Out.ShouldContain($"The store is set in {Path.Combine(_folder.User, "auditkit.json")};");
        second.Out.ShouldContain($"Store {store}: 145 audits (0 new, 0 revised, 145 unchanged)");
        File.Exists(Path.Combine(_folder.Work, "auditkit.db")).ShouldBeFalse();
        File.Exists(Path.Combine(_folder.Elsewhere, "auditkit.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task ConfigShow_EachSourceOverridesTheOnesBelowIt()
    {
        _folder.Settings(_folder.Machine, """{ "Db": "machine.db", "Calendar": { "ExtraHolidays": ["2026-12-24"] } }""");
        (await Store()).ShouldBe(($"the SQLite file {Slashed(_folder.Machine, "machine.db")} (not created yet)", Path.Combine(_folder.Machine, "auditkit.json")));

        _folder.Settings(_folder.User, """{ "Db": "user.db" }""");
        (await Store()).ShouldBe(($"the SQLite file {Slashed(_folder.User, "user.db")} (not created yet)", Path.Combine(_folder.User, "auditkit.json")));

        _folder.Settings(_folder.Work, """{ "Db": "here.db" }""");
        // The current folder is left out of what the test shows (as of every path in it).
        (await Store()).ShouldBe(("the SQLite file here.db (not created yet)", "auditkit.json"));

        _folder.Variables["AUDITKIT_DB"] = "from-env.db";
        (await Store()).ShouldBe(("the SQLite file from-env.db (not created yet)", "AUDITKIT_DB"));

        (await Store("--db", "option.db")).ShouldBe(("the SQLite file option.db (not created yet)", "the option --db"));

        var show = await _folder.RunAsync(_folder.Work, "config", "show");
        show.Out.ShouldContain($"  Calendar:ExtraHolidays:0 = 2026-12-24  ({Path.Combine(_folder.Machine, "auditkit.json")})");
        show.Out.ShouldContain("  Db = from-env.db  (AUDITKIT_DB)");
        show.Out.ShouldNotContain("user.db");
    }

    [Fact]
    public async Task ConfigShow_NothingConfigured_SaysTheDefaultAndEveryPlaceLookedIn()
    {
        var show = await _folder.RunAsync(_folder.Work, "config", "show");

        show.ExitCode.ShouldBe(0, show.Error);
        show.Out.ShouldContain("Store: the SQLite file auditkit.db (not created yet)\n  from the default: nothing configures a store");
        show.Out.ShouldContain("Settings in force: none.");
        show.Out.ShouldContain($"  machine: {Slashed(_folder.Machine, "auditkit.json")} (not there)");
        show.Out.ShouldContain($"  user: {Slashed(_folder.User, "auditkit.json")} (not there)");
        show.Out.ShouldContain("  environment: AUDITKIT_ environment variables (no AUDITKIT_ variables set)");
    }

    [Fact]
    public async Task ConfigShow_ConnectionWithPassword_NeverPrintsThePassword()
    {
        _folder.Settings(_folder.User, """{ "Connection": "Host=db.example;Database=auditkit;Username=audit;Password=s3cret-word" }""");
        _folder.Variables["AUDITKIT_Store__Password"] = "other-s3cret";

        var show = await _folder.RunAsync(_folder.Work, "config", "show");

        show.ExitCode.ShouldBe(0, show.Error);
        show.Out.ShouldContain("Store: PostgreSQL, host=db.example;database=auditkit;username=audit;password=(hidden)");
        show.Out.ShouldContain("  Store:Password = (hidden)  (AUDITKIT_Store__Password)");
        show.Out.ShouldNotContain("s3cret");
    }

    [Fact]
    public async Task Connection_PasswordOnTheCommandLine_IsRefusedWithWhereToPutIt()
    {
        var result = await _folder.RunAsync(_folder.Work, "config", "show", "--connection", "Host=localhost;Database=auditkit;Username=audit;Password=s3cret-word");
        var malformed = await _folder.RunAsync(_folder.Work, "actions", "list", "--connection", "Host=localhost;PWD='s3cret");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("AK7001: --connection holds a password (Password=...)");
        result.Error.ShouldContain("PGPASSWORD");
        result.Error.ShouldContain("pgpass");
        result.Out.ShouldBeEmpty();
        malformed.ExitCode.ShouldBe(2);
        malformed.Error.ShouldContain("AK7001");
        (result.Error + malformed.Error).ShouldNotContain("s3cret");
    }

    [Fact]
    public async Task Settings_OneFileGivingBothStores_IsRefused()
    {
        _folder.Settings(_folder.User, """{ "Db": "a.db", "Connection": "Host=localhost;Database=auditkit" }""");

        var result = await Run(_folder.Work);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"AK7002: {Path.Combine(_folder.User, "auditkit.json")} sets both Db (an SQLite file) and Connection");
    }

    [Fact]
    public async Task Settings_EmptyDb_IsRefusedNamingTheVariable()
    {
        _folder.Variables["AUDITKIT_DB"] = " ";

        var result = await Run(_folder.Work);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("AK7003: Db in AUDITKIT_DB is empty");
    }

    [Fact]
    public async Task Run_StoreFromSettings_IsAStoreOthersCanOpen()
    {
        _folder.Variables["AUDITKIT_DB"] = Path.Combine(_folder.Elsewhere, "shared.db");

        var result = await Run(_folder.Work);

        var shared = Path.Combine(_folder.Elsewhere, "shared.db");
        _folder.Variables.Clear();
        var again = await _folder.RunAsync(_folder.Elsewhere, "run", "--template", SettingsFolder.Template, "--submissions", SettingsFolder.Samples, "--out", "out", "--as-of", "2026-11-30", "--outputs", "json", "--db", shared);

        result.Out.ShouldContain("The store is set in AUDITKIT_DB;");
        again.Out.ShouldContain("Store shared.db: 145 audits (0 new, 0 revised, 145 unchanged)");
        again.Out.ShouldNotContain("The store is");
    }

    private Task<CliResult> Run(string folder) =>
        _folder.RunAsync(folder, "run", "--template", SettingsFolder.Template, "--submissions", SettingsFolder.Samples, "--out", "out", "--as-of", "2026-11-30", "--outputs", "json");

    private async Task<(string Store, string From)> Store(params string[] options)
    {
        var show = await _folder.RunAsync(_folder.Work, ["config", "show", .. options]);
        show.ExitCode.ShouldBe(0, show.Error);
        var lines = show.Out.Split('\n');
        return (lines[0]["Store: ".Length..], lines[1].Trim()["from ".Length..]);
    }

    private static string Slashed(string folder, string file) => Path.Combine(folder, file).Replace('\\', '/');
}
