using AuditKit.Cli.Commands;
using AuditKit.Cli.Hosting;
using AuditKit.Store;
using AuditKit.Templates;
using AuditKit.Tests.Support;
using AuditKit.Web;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>
/// A real SQLite store made as a council makes one: the bundled sample run into it with <c>auditkit run</c>, one more
/// audit whose team and case reference hold markup, and one person of each role (passwords <see cref="Password"/>).
/// Each test class gets its own store in its own folder.
/// </summary>
public sealed class WebStore : IDisposable
{
    public const string Password = "correct horse battery";

    public const string HostileTeam = "<script>alert('team')</script>";

    public const string HostileCase = "C-<b>1</b>";

    public static readonly DateOnly AsOf = new(2026, 11, 30);

    public WebStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "auditkit-web-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Db = Path.Combine(Folder, "auditkit.db");
        var template = RepoPaths.InRepo("templates", "quality-of-practice.yaml");
        Run(template, RepoPaths.InRepo("samples", "audits"));

        // One audit of a team whose name is markup, in a folder of its own.
        var sample = File.ReadAllLines(Directory.GetFiles(RepoPaths.InRepo("samples", "audits"), "*.csv")[0]);
        var cells = sample[1].Split(',');
        cells[0] = "QA-HOSTILE-1";
        cells[3] = HostileCase;
        cells[5] = HostileTeam;
        cells[6] = "Hostile service";
        var hostile = Path.Combine(Folder, "hostile");
        Directory.CreateDirectory(hostile);
        File.WriteAllLines(Path.Combine(hostile, "hostile.csv"), [sample[0], string.Join(',', cells)]);
        Run(template, hostile);

        using var store = Open();
        var people = (IPeopleStore)store;
        Teams = people.TeamServices();
        var first = Teams.First(t => t.Service == "Safeguarding");
        Team = first.Team;
        Service = first.Service!;
        foreach (var (role, team, service) in new (string, string?, string?)[]
        {
            (Roles.Auditor, Team, null), (Roles.TeamManager, Team, null), (Roles.ServiceManager, null, Service),
            (Roles.HeadOfService, null, null), (Roles.QaOfficer, null, null), (Roles.Admin, null, null),
        })
        {
            var email = EmailOf(role);
            people.AddUser(new StoredUser(email, "Test " + role, role, team, service, Passwords.Hash(email, Password), false, 0, null, AsOf));
        }

        var context = new CliContext(TextWriter.Null, TextWriter.Null, CliEnvironment.ForTests(Folder, CliRunner.FixedNow));
        RuleSets = ServeCommand.LoadRuleSets(context, RepoPaths.InRepo("templates"));
        Templates = RuleSets.ToDictionary(p => p.Key, p => p.Value.Template, StringComparer.Ordinal);
    }

    public string Folder { get; }

    public string Db { get; }

    /// <summary>The team of the auditor and team manager.</summary>
    public string Team { get; }

    /// <summary>The service of the service manager (and of <see cref="Team"/>).</summary>
    public string Service { get; }

    public IReadOnlyList<TeamService> Teams { get; }

    public IReadOnlyDictionary<string, AuditTemplate> Templates { get; }

    public IReadOnlyDictionary<string, AuditKit.Evaluation.CompiledRuleSet> RuleSets { get; }

    public static string EmailOf(string role) => role.Replace('_', '-') + "@council.test";

    public IAuditStore Open() => AuditStore.OpenSqlite(Db);

    public WebAppSettings Settings(string urls = "http://127.0.0.1:0") => new(Open, Templates, urls) { AsOf = AsOf, RuleSets = RuleSets };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private void Run(string template, string submissions)
    {
        var result = CliRunner.RunAsync(Folder, "run", "--template", template, "--submissions", submissions, "--out", Path.Combine(Folder, "out"), "--db", Db, "--as-of", "2026-11-30")
            .GetAwaiter().GetResult();
        if (result.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException($"The sample run failed ({result.ExitCode}): {result.Error}");
        }
    }
}
