using System.Net;
using System.Text.Json;
using AuditKit.Store;
using AuditKit.Tests.Support;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>The web app in-process on a real SQLite store made from the bundled sample: sign-in, scope, pages and API.</summary>
public sealed class WebAppTests(WebStore store) : IClassFixture<WebStore>, IAsyncLifetime
{
    private WebHostRunner _host = null!;

    public async Task InitializeAsync() => _host = await WebHostRunner.InProcessAsync(store.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignIn_RightPassword_GoesHomeAndNamesThePerson()
    {
        using var client = _host.Client();
        var form = await client.GetTextAsync("/sign-in");
        form.ShouldContain("<label class=\"govuk-label\" for=\"email\">Email address</label>");
        form.ShouldContain("<label class=\"govuk-label\" for=\"password\">Password</label>");
        form.ShouldContain(">Sign in</button>");

        await client.SignedInAsync(WebStore.EmailOf(Roles.TeamManager));

        var home = await client.GetTextAsync("/");
        home.ShouldContain("Signed in as Test team_manager (Team manager, " + store.Team + ")");
        home.ShouldContain(store.Team + ": latest figures");
    }

    [Fact]
    public async Task SignIn_WrongPassword_RefusedWithTheErrorSummary()
    {
        using var client = _host.Client();
        using var response = await client.SignInAsync(WebStore.EmailOf(Roles.QaOfficer), "not the password");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("There is a problem");
        page.ShouldContain("The email address or password is not right");
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_FiveFailures_LocksOutEvenTheRightPassword()
    {
        const string Email = "locked@council.test";
        using (var opened = store.Open())
        {
            ((IPeopleStore)opened).AddUser(new StoredUser(Email, "Locked", Roles.QaOfficer, null, null, Passwords.Hash(Email, WebStore.Password), false, 0, null, WebStore.AsOf));
        }

        using var client = _host.Client();
        for (var i = 0; i < SignInCheck.MaxFailures; i++)
        {
            using var failed = await client.SignInAsync(Email, "wrong " + i);
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var right = await client.SignInAsync(Email);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("There have been 5 failed attempts to sign in");
        using var opened2 = store.Open();
        ((IPeopleStore)opened2).FindUser(Email)!.LockedUntil.ShouldNotBeNull();
    }

    [Fact]
    public async Task NotSignedIn_PagesRedirectToSignIn_ApiAnswers401()
    {
        using var client = _host.Client();
        foreach (var path in new[] { "/", "/actions", "/teams/" + Uri.EscapeDataString(store.Team), "/audits/QA-2026-09-00001" })
        {
            using var page = await client.GetAsync(path);
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            page.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/sign-in?ReturnUrl=");
        }

        using var api = await client.GetAsync("/api/v1/audits/QA-2026-09-00001");
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.TeamManager)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.HeadOfService)]
    [InlineData(Roles.QaOfficer)]
    [InlineData(Roles.Admin)]
    public async Task EachRole_SeesExactlyItsTeams(string role)
    {
        bool InScope(TeamService team) => role switch
        {
            Roles.Auditor or Roles.TeamManager => team.Team == store.Team,
            Roles.ServiceManager => team.Service == store.Service,
            _ => true,
        };

        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(role));
        store.Teams.Count(InScope).ShouldBeGreaterThan(0);
        if (!Roles.SeesEverything(role))
        {
            // Otherwise the test could not tell a scope from no scope.
            store.Teams.Count(t => !InScope(t)).ShouldBeGreaterThan(0);
        }

        foreach (var team in store.Teams)
        {
            using var dashboard = await client.GetAsync("/teams/" + Uri.EscapeDataString(team.Team));
            dashboard.StatusCode.ShouldBe(InScope(team) ? HttpStatusCode.OK : HttpStatusCode.NotFound, team.Team);
        }

        var register = await client.GetTextAsync("/actions?status=all");
        using var opened = store.Open();
        var actions = opened.ListActions(new ActionFilter(Status: ActionStatusFilter.All), WebStore.AsOf);
        var teams = store.Teams.ToDictionary(t => t.Team, StringComparer.Ordinal);
        foreach (var action in actions)
        {
            var visible = action.Team is null ? role is Roles.HeadOfService or Roles.QaOfficer or Roles.Admin : InScope(teams[action.Team]);
            register.Contains("/actions/" + action.Id, StringComparison.Ordinal).ShouldBe(visible, action.Id);
        }
    }

    [Fact]
    public async Task TeamManager_SeesOwnTeamsAuditWithFindingsCommentsAndActions()
    {
        using var opened = store.Open();
        var own = opened.ListActions(new ActionFilter(Team: store.Team, Status: ActionStatusFilter.All), WebStore.AsOf).First(a => a.AuditId is not null);
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));

        var page = await client.GetTextAsync("/audits/" + own.AuditId);
        page.ShouldContain("Findings");
        page.ShouldContain("The child has been seen alone by the social worker");
        page.ShouldContain("/actions/" + own.Id);

        using var api = await client.GetAsync("/api/v1/audits/" + own.AuditId);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("team").GetString().ShouldBe(store.Team);
        json.RootElement.GetProperty("findings")[0].GetProperty("criterion").GetString().ShouldBe("child_seen_alone");
        json.RootElement.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ShouldContain(own.Id);
    }

    [Fact]
    public async Task TeamSummaryApi_GivesTheTeamObjectOfSummaryJson()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));
        var team = Uri.EscapeDataString(store.Team);

        using var response = await client.GetAsync($"/api/v1/teams/{team}/summary?template=quality-of-practice&period=2026-10");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("team").GetString().ShouldBe(store.Team);
        json.RootElement.GetProperty("audits").GetInt32().ShouldBeGreaterThan(0);
        json.RootElement.GetProperty("criteria")[0].GetProperty("id").GetString().ShouldBe("child_seen_alone");

        (await client.GetAsync($"/api/v1/teams/{team}/summary?template=quality-of-practice&period=October")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/v1/teams/{team}/summary?template=no-such-template&period=2026-10")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MarkupInTeamAndCaseReference_IsShownAsText()
    {
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.HeadOfService));

        var home = await client.GetTextAsync("/");
        home.ShouldNotContain(WebStore.HostileTeam);
        home.ShouldContain("&lt;script&gt;alert(&#x27;team&#x27;)&lt;/script&gt;");

        var dashboard = await client.GetTextAsync("/teams/" + Uri.EscapeDataString(WebStore.HostileTeam));
        dashboard.ShouldNotContain(WebStore.HostileTeam);
        dashboard.ShouldContain("<h1 class=\"govuk-heading-l\">&lt;script&gt;alert(&#x27;team&#x27;)&lt;/script&gt;</h1>");

        var audit = await client.GetTextAsync("/audits/QA-HOSTILE-1");
        audit.ShouldNotContain(WebStore.HostileCase);
        audit.ShouldContain("C-&lt;b&gt;1&lt;/b&gt;");
    }

    [Fact]
    public async Task DisabledPerson_IsSignedOutAtTheirNextRequest()
    {
        const string Email = "leaver@council.test";
        using (var opened = store.Open())
        {
            ((IPeopleStore)opened).AddUser(new StoredUser(Email, "Leaver", Roles.QaOfficer, null, null, Passwords.Hash(Email, WebStore.Password), false, 0, null, WebStore.AsOf));
        }

        using var client = await _host.Client().SignedInAsync(Email);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var result = await CliRunner.RunAsync(store.Folder, "users", "disable", Email, "--db", store.Db);
        result.ExitCode.ShouldBe(0, result.Error);

        using var after = await client.GetAsync("/");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.SignInAsync(Email)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
