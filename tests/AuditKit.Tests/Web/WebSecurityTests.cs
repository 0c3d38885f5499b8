using System.Net;
using AuditKit.Store;
using AuditKit.Tests.Support;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>The web app on a real Kestrel on loopback, over real HTTP: objects out of scope, antiforgery, headers, cookies.</summary>
public sealed class WebSecurityTests(WebStore store) : IClassFixture<WebStore>, IAsyncLifetime
{
    private WebHostRunner _host = null!;

    public async Task InitializeAsync() => _host = await WebHostRunner.KestrelAsync(store.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TeamManager_AskingForAnotherTeamsObjectsByUrl_Gets404()
    {
        using var opened = store.Open();
        var other = store.Teams.First(t => t.Team != store.Team && t.Team != WebStore.HostileTeam).Team;
        var action = opened.ListActions(new ActionFilter(Team: other, Status: ActionStatusFilter.All), WebStore.AsOf).First(a => a.AuditId is not null);
        var encoded = Uri.EscapeDataString(other);
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));

        foreach (var path in new[]
        {
            $"/teams/{encoded}",
            $"/audits/{action.AuditId}",
            $"/actions/{action.Id}",
            $"/api/v1/audits/{action.AuditId}",
            $"/api/v1/teams/{encoded}/summary?template=quality-of-practice&period=2026-10",
        })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(action.CaseRef!);
        }

        // A post to another team's action is refused the same way, and changes nothing.
        using var post = await client.PostFormAsync("/actions", $"/actions/{action.Id}", ("NewStatus", "done"), ("Note", "not mine"));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        opened.ActionHistory(action.Id).ShouldNotContain(h => h.Note == "not mine");

        // The same objects of their own team answer.
        var own = opened.ListActions(new ActionFilter(Team: store.Team, Status: ActionStatusFilter.All), WebStore.AsOf).First(a => a.AuditId is not null);
        (await client.GetAsync($"/audits/{own.AuditId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/actions/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FormPostedWithoutItsAntiforgeryToken_IsRefused()
    {
        using var opened = store.Open();
        var action = opened.ListActions(new ActionFilter(Team: store.Team), WebStore.AsOf).First();
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));

        using var response = await client.PostAsync($"/actions/{action.Id}", ("NewStatus", "done"), ("Note", "no token"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        opened.ActionHistory(action.Id).ShouldNotContain(h => h.Note == "no token");

        using var signIn = await _host.Client().PostAsync("/sign-in", ("Email", WebStore.EmailOf(Roles.Admin)), ("Password", WebStore.Password));
        signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ActionClosedInTheWeb_ShowsInActionsShowWithThePerson()
    {
        using var opened = store.Open();
        var action = opened.ListActions(new ActionFilter(Team: store.Team), WebStore.AsOf).Last();
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager));

        using var response = await client.PostFormAsync($"/actions/{action.Id}", $"/actions/{action.Id}", ("NewStatus", "done"), ("Note", "Seen alone at the visit on 28 November"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var shown = await CliRunner.RunAsync(store.Folder, "actions", "show", action.Id, "--db", store.Db);
        shown.ExitCode.ShouldBe(0, shown.Error);
        shown.Out.ShouldContain("open -> done");
        shown.Out.ShouldContain("Seen alone at the visit on 28");
        shown.Out.ShouldContain("Test team_manager");
        opened.ActionHistory(action.Id).Last().By.ShouldBe("Test team_manager (" + WebStore.EmailOf(Roles.TeamManager) + ")");
    }

    [Fact]
    public async Task Auditor_CannotCancelAnAction_AndMayNotRecordProgressOnOthers()
    {
        using var opened = store.Open();
        var action = opened.ListActions(new ActionFilter(Team: store.Team), WebStore.AsOf).First();
        using var client = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.Auditor));

        var page = await client.GetTextAsync($"/actions/{action.Id}");
        page.ShouldNotContain("Record progress");
        using var response = await client.PostFormAsync("/actions", $"/actions/{action.Id}", ("NewStatus", "cancelled"), ("Note", "auditor"));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        opened.ActionHistory(action.Id).ShouldNotContain(h => h.Note == "auditor");
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndCookiesAreHttpOnlyAndSameSite()
    {
        using var client = _host.Client();
        foreach (var path in new[] { "/sign-in", "/", "/api/v1/audits/x", "/govuk/govuk-frontend.min.css" })
        {
            using var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("unsafe-inline");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        }

        using var styles = await client.GetAsync("/govuk/govuk-frontend.min.css");
        styles.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var signIn = await client.SignInAsync(WebStore.EmailOf(Roles.Admin));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuditKit.Web.WebApp.CookieName + "=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");

        var page = await client.GetTextAsync("/");
        page.ShouldNotContain("<script>");
        page.ShouldContain("<script type=\"module\" src=\"/static/init.js\"></script>");
    }

    [Fact]
    public async Task TwoInstancesOnOneStore_AcceptEachOthersSignIn()
    {
        await using var second = await WebHostRunner.KestrelAsync(store.Settings());
        using var first = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.QaOfficer));
        using var other = second.Client();
        foreach (Cookie cookie in first.Cookies.GetCookies(first.Address))
        {
            other.Cookies.Add(other.Address, new Cookie(cookie.Name, cookie.Value));
        }

        using var response = await other.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Signed in as Test qa_officer");
    }
}
