using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuditKit.Store;
using AuditKit.Tests.Support;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>
/// The access log and API tokens on a real Kestrel over real HTTP: each view is written with the signed-in person,
/// <c>auditkit access list --case</c> finds who looked at a case, and a token works only while it and its person do,
/// within its person's scope.
/// </summary>
public sealed class WebAccessTests(WebStore store) : IClassFixture<WebStore>, IAsyncLifetime
{
    private WebHostRunner _host = null!;

    public async Task InitializeAsync() => _host = await WebHostRunner.KestrelAsync(store.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EachView_PageAndApi_IsWrittenWithTheSignedInPerson()
    {
        var manager = WebStore.EmailOf(Roles.TeamManager);
        var (action, audit) = OwnCaseAction();
        var team = Uri.EscapeDataString(store.Team);
        using var client = await _host.Client().SignedInAsync(manager);

        foreach (var path in new[] { "/", $"/teams/{team}", $"/audits/{audit.AuditId}", $"/actions/{action.Id}", "/actions?status=all", $"/api/v1/audits/{audit.AuditId}" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        var entries = Log(new AccessFilter(Person: manager));
        entries.ShouldContain(e => e.Event == AccessEvents.SignIn && e.Via == "web");
        entries.ShouldContain(e => e.Event == AccessEvents.View && e.ObjectKind == AccessObjects.Home);
        entries.ShouldContain(e => e.ObjectKind == AccessObjects.Team && e.ObjectId == store.Team && e.CaseRef == null);
        entries.ShouldContain(e => e.ObjectKind == AccessObjects.Audit && e.ObjectId == audit.AuditId && e.CaseRef == audit.CaseRef && e.Via == "web");
        entries.ShouldContain(e => e.ObjectKind == AccessObjects.Action && e.ObjectId == action.Id && e.CaseRef == action.CaseRef);
        entries.ShouldContain(e => e.ObjectKind == AccessObjects.ActionRegister && e.Detail == "status all");
        entries.ShouldContain(e => e.ObjectKind == AccessObjects.Audit && e.ObjectId == audit.AuditId && e.Via == "api");
        entries.ShouldAllBe(e => e.At > DateTimeOffset.UtcNow.AddMinutes(-5));

        // Out of scope: nothing was shown, so nothing is written as viewed.
        var other = OtherTeamAudit();
        using (var refused = await client.GetAsync($"/audits/{other.AuditId}"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        Log(new AccessFilter(Person: manager)).ShouldNotContain(e => e.ObjectId == other.AuditId);
    }

    [Fact]
    public async Task ActionProgressAndFailedSignIns_AreWritten_WithoutTheNote()
    {
        var manager = WebStore.EmailOf(Roles.TeamManager);
        using var opened = store.Open();
        var action = opened.ListActions(new ActionFilter(Team: store.Team), WebStore.AsOf).First(a => a.CaseRef is not null);
        using var client = await _host.Client().SignedInAsync(manager);
        using var response = await client.PostFormAsync($"/actions/{action.Id}", $"/actions/{action.Id}", ("NewStatus", "in_progress"), ("Note", "Spoke to the child's school"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var wrong = await _host.Client().SignInAsync("Nobody@Council.test", "not the password");
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);

        var changed = Log(new AccessFilter(Person: manager)).First(e => e.Event == AccessEvents.Change);
        changed.ShouldSatisfyAllConditions(
            e => e.ObjectId.ShouldBe(action.Id),
            e => e.CaseRef.ShouldBe(action.CaseRef),
            e => e.Detail.ShouldBe("status open -> in_progress"));
        Log(new AccessFilter()).ShouldNotContain(e => (e.Detail ?? string.Empty).Contains("school", StringComparison.Ordinal));
        Log(new AccessFilter(Person: "nobody@council.test")).Single().Event.ShouldBe(AccessEvents.SignInFailed);
    }

    [Fact]
    public async Task AccessListByCase_FindsWhoLookedAtTheCase_AsATableAndAsCsv()
    {
        var audit = OwnCaseAction().Audit;
        using (var manager = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.TeamManager)))
        {
            (await manager.GetAsync($"/audits/{audit.AuditId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var qa = await _host.Client().SignedInAsync(WebStore.EmailOf(Roles.QaOfficer)))
        {
            (await qa.GetAsync($"/api/v1/audits/{audit.AuditId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var table = await CliRunner.RunAsync(store.Folder, "access", "list", "--case", audit.CaseRef.ToLowerInvariant(), "--db", store.Db);
        table.ExitCode.ShouldBe(0, table.Error);
        table.Out.ShouldContain(WebStore.EmailOf(Roles.TeamManager));
        table.Out.ShouldContain(WebStore.EmailOf(Roles.QaOfficer));
        table.Out.ShouldContain($"audit {audit.AuditId}");
        table.Out.ShouldNotContain(WebStore.EmailOf(Roles.Admin));

        var csv = await CliRunner.RunAsync(store.Folder, "access", "list", "--case", audit.CaseRef, "--person", WebStore.EmailOf(Roles.QaOfficer), "--format", "csv", "--db", store.Db);
        csv.ExitCode.ShouldBe(0, csv.Error);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("at_utc,person,event,object_kind,object_id,case_ref,detail,via");
        lines.Skip(1).ShouldAllBe(l => l.Contains("," + WebStore.EmailOf(Roles.QaOfficer) + ",view,audit," + audit.AuditId + ",", StringComparison.Ordinal));
        lines.Length.ShouldBeGreaterThan(1);

        var bad = await CliRunner.RunAsync(store.Folder, "access", "list", "--from", "30/11/2026", "--db", store.Db);
        bad.ExitCode.ShouldBe(2);
        bad.Error.ShouldContain("--from '30/11/2026' is not a date; write it as YYYY-MM-DD");
    }

    [Fact]
    public async Task ApiToken_ActsAsItsPerson_UntilRevoked_Then401WithAProblem()
    {
        var manager = WebStore.EmailOf(Roles.TeamManager);
        var token = await AddToken(manager, "Case system export");
        var audit = OwnCaseAction().Audit;
        using var client = _host.Client();

        using (var answer = await Bearer(client, token.Text, $"/api/v1/audits/{audit.AuditId}"))
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("audit_id").GetString().ShouldBe(audit.AuditId);
        }

        Log(new AccessFilter(Person: manager)).ShouldContain(e => e.ObjectId == audit.AuditId && e.Via == $"api token {token.Id}");
        Log(new AccessFilter()).ShouldNotContain(e => (e.Detail ?? string.Empty).Contains(token.Text, StringComparison.Ordinal));

        // Pages take no token: a form posted with one, without cookie or antiforgery token, changes nothing.
        using (var opened = store.Open())
        {
            var action = opened.ListActions(new ActionFilter(Team: store.Team), WebStore.AsOf).First();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/actions/{action.Id}")
            {
                Content = new FormUrlEncodedContent([new("NewStatus", "done"), new("Note", "by token")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Text);
            using var post = await client.Http.SendAsync(request);
            ((int)post.StatusCode).ShouldBeOneOf(302, 400);
            opened.ActionHistory(action.Id).ShouldNotContain(h => h.Note == "by token");
        }

        var revoked = await CliRunner.RunAsync(store.Folder, "tokens", "revoke", token.Id, "--db", store.Db);
        revoked.ExitCode.ShouldBe(0, revoked.Error);
        await ShouldBeRefused(client, token.Text, $"/api/v1/audits/{audit.AuditId}", "invalid_token");
        Log(new AccessFilter(Person: manager)).First().ShouldSatisfyAllConditions(
            e => e.Event.ShouldBe(AccessEvents.SignInFailed),
            e => e.Detail.ShouldBe($"API token {token.Id}, revoked"));

        var listed = await CliRunner.RunAsync(store.Folder, "tokens", "list", "--db", store.Db);
        listed.Out.ShouldContain(token.Id);
        listed.Out.ShouldContain("revoked");
        listed.Out.ShouldNotContain(token.Text);
    }

    [Fact]
    public async Task Api_WithoutAnyCredentialOrWithAnUnknownToken_Is401WithAProblem()
    {
        var audit = OwnCaseAction().Audit;
        using var client = _host.Client();
        using (var none = await client.GetAsync($"/api/v1/audits/{audit.AuditId}"))
        {
            await ShouldBeProblem(none);
            none.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        }

        await ShouldBeRefused(client, "akt_" + new string('x', 43), $"/api/v1/audits/{audit.AuditId}", "invalid_token");
        await ShouldBeRefused(client, "akt_" + new string('x', 43), $"/api/v1/teams/{Uri.EscapeDataString(store.Team)}/summary?template=quality-of-practice&period=2026-10", "invalid_token");
    }

    [Fact]
    public async Task TeamManagersToken_CannotReadAnotherTeamsAudit_404()
    {
        var token = await AddToken(WebStore.EmailOf(Roles.TeamManager), "Team export");
        var other = OtherTeamAudit();
        using var client = _host.Client();

        using var response = await Bearer(client, token.Text, $"/api/v1/audits/{other.AuditId}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(other.CaseRef);

        using var summary = await Bearer(client, token.Text, $"/api/v1/teams/{Uri.EscapeDataString(other.Team)}/summary?template=quality-of-practice&period=2026-10");
        summary.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Token_StopsWhenItsPersonIsDisabled_OrItHasExpired()
    {
        var email = "export-" + Guid.NewGuid().ToString("N")[..8] + "@council.test";
        using (var opened = store.Open())
        {
            ((IPeopleStore)opened).AddUser(new StoredUser(email, "Export", Roles.QaOfficer, null, null, Passwords.Hash(email, WebStore.Password), false, 0, null, WebStore.AsOf));
            var (expiredText, expired) = AuditKit.Web.Security.ApiTokens.Create(email, "Old export", DateTimeOffset.UtcNow.AddDays(-10), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
            ((IAccessStore)opened).AddToken(expired);
            using var client = _host.Client();
            await ShouldBeRefused(client, expiredText, $"/api/v1/audits/{OwnCaseAction().Audit.AuditId}", "invalid_token");
        }

        var token = await AddToken(email, "Export");
        using (var client = _host.Client())
        {
            using var works = await Bearer(client, token.Text, $"/api/v1/audits/{OtherTeamAudit().AuditId}");
            works.StatusCode.ShouldBe(HttpStatusCode.OK);

            (await CliRunner.RunAsync(store.Folder, "users", "disable", email, "--db", store.Db)).ExitCode.ShouldBe(0);
            await ShouldBeRefused(client, token.Text, $"/api/v1/audits/{OtherTeamAudit().AuditId}", "invalid_token");
        }

        var added = await CliRunner.RunAsync(store.Folder, "tokens", "add", "--email", email, "--name", "Again", "--db", store.Db);
        added.ExitCode.ShouldBe(2);
        added.Error.ShouldContain("AK8041");
        Log(new AccessFilter(Person: $"command line ({Environment.UserName})")).ShouldContain(e => e.ObjectKind == AccessObjects.User && e.ObjectId == email && e.Detail == "disabled");
    }

    private async Task<(string Text, string Id)> AddToken(string email, string name)
    {
        var added = await CliRunner.RunAsync(store.Folder, "tokens", "add", "--email", email, "--name", name, "--expires", "2099-12-31", "--db", store.Db);
        added.ExitCode.ShouldBe(0, added.Error);
        var text = added.Out.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("akt_", StringComparison.Ordinal));
        var id = added.Out.Split(' ')[3];
        using var opened = store.Open();
        var stored = ((IAccessStore)opened).FindToken(AuditKit.Web.Security.ApiTokens.Hash(text))!;
        stored.Id.ShouldBe(id);
        stored.Hash.ShouldNotBe(text);
        return (text, id);
    }

    private static Task<HttpResponseMessage> Bearer(WebClient client, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.Http.SendAsync(request);
    }

    private static async Task ShouldBeRefused(WebClient client, string token, string path, string error)
    {
        using var response = await Bearer(client, token, path);
        await ShouldBeProblem(response);
        response.Headers.WwwAuthenticate.ToString().ShouldContain($"error=\"{error}\"");
    }

    private static async Task ShouldBeProblem(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
        json.RootElement.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
    }

    private (RegisterEntry Action, AuditKit.Reporting.CaseRow Audit) OwnCaseAction()
    {
        using var opened = store.Open();
        var action = opened.ListActions(new ActionFilter(Team: store.Team, Status: ActionStatusFilter.All), WebStore.AsOf).First(a => a.AuditId is not null);
        return (action, ((IPeopleStore)opened).ReadAudit(action.AuditId!)!.Row);
    }

    private AuditKit.Reporting.CaseRow OtherTeamAudit()
    {
        using var opened = store.Open();
        var other = store.Teams.First(t => t.Team != store.Team && t.Team != WebStore.HostileTeam).Team;
        var action = opened.ListActions(new ActionFilter(Team: other, Status: ActionStatusFilter.All), WebStore.AsOf).First(a => a.AuditId is not null);
        return ((IPeopleStore)opened).ReadAudit(action.AuditId!)!.Row;
    }

    private IReadOnlyList<AccessEntry> Log(AccessFilter filter)
    {
        using var opened = store.Open();
        return ((IAccessStore)opened).ListAccess(filter);
    }
}
