using System.Net;
using System.Text.RegularExpressions;
using AuditKit.Store;
using AuditKit.Tests.Store;
using AuditKit.Tests.Support;
using AuditKit.Web;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>
/// Two real servers on loopback over one PostgreSQL store (the test setup's real server), as behind a load balancer:
/// the sign-in cookie and the antiforgery token one instance gives are taken by the other, because the data protection
/// keys are kept in the store, not in either process.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class WebTwoInstancesPostgresTests(PostgresServer server) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "auditkit-web-pg-" + Guid.NewGuid().ToString("N"));

    [StoreFact]
    public async Task SignedInOnOne_TheOtherAnswersTheSamePersonAndTakesItsAntiforgeryToken()
    {
        var connection = server.CreateDatabase();
        Directory.CreateDirectory(_folder);
        var run = await CliRunner.RunAsync(
            _folder, "run", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--submissions", RepoPaths.InRepo("samples", "audits"),
            "--out", Path.Combine(_folder, "out"), "--connection", connection, "--as-of", "2026-11-30");
        run.ExitCode.ShouldBeOneOf(0, 3);
        string team;
        using (var store = AuditStore.OpenPostgres(connection))
        {
            var people = (IPeopleStore)store;
            team = people.TeamServices()[0].Team;
            const string Email = "manager@council.test";
            people.AddUser(new StoredUser(Email, "Pat Manager", Roles.TeamManager, team, null, Passwords.Hash(Email, WebStore.Password), false, 0, null, WebStore.AsOf));
        }

        var templates = ServeTemplates();
        await using var first = await WebHostRunner.KestrelAsync(new WebAppSettings(() => AuditStore.OpenPostgres(connection), templates, "http://127.0.0.1:0") { AsOf = WebStore.AsOf });
        await using var second = await WebHostRunner.KestrelAsync(new WebAppSettings(() => AuditStore.OpenPostgres(connection), templates, "http://127.0.0.1:0") { AsOf = WebStore.AsOf });
        first.Address.Port.ShouldNotBe(second.Address.Port);

        // One person's cookies (a browser's cookies are by host, not port: both instances get them).
        var cookies = new CookieContainer();
        using var toFirst = Client(first.Address, cookies);
        using var toSecond = Client(second.Address, cookies);

        var signInPage = await toFirst.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using (var signedIn = await toFirst.PostAsync(new Uri("/sign-in", UriKind.Relative), Form(signInPage, ("Email", "manager@council.test"), ("Password", WebStore.Password))))
        {
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var home = await toSecond.GetStringAsync(new Uri("/", UriKind.Relative));
        home.ShouldContain($"Signed in as Pat Manager (Team manager, {WebUtility.HtmlEncode(team)})");
        using (var dashboard = await toSecond.GetAsync(new Uri("/teams/" + Uri.EscapeDataString(team), UriKind.Relative)))
        {
            dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // A form the first instance gave, posted to the second.
        var signOutPage = await toFirst.GetStringAsync(new Uri("/sign-out", UriKind.Relative));
        using var signedOut = await toSecond.PostAsync(new Uri("/sign-out", UriKind.Relative), Form(signOutPage));
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.OriginalString.ShouldBe("/sign-in");
        using var afterwards = await toFirst.GetAsync(new Uri("/", UriKind.Relative));
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static HttpClient Client(Uri address, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = address };

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = WebUtility.HtmlDecode(TokenPattern().Matches(page).Select(m => m.Groups[1].Value).Last());
        return new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);
    }

    private IReadOnlyDictionary<string, AuditKit.Templates.AuditTemplate> ServeTemplates()
    {
        var context = new AuditKit.Cli.Hosting.CliContext(TextWriter.Null, TextWriter.Null, AuditKit.Cli.Hosting.CliEnvironment.ForTests(_folder, CliRunner.FixedNow));
        return AuditKit.Cli.Commands.ServeCommand.LoadTemplates(context, RepoPaths.InRepo("templates"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
