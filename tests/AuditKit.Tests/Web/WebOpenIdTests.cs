using System.Net;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary>
/// Signing in through a council's OpenID Connect provider, for real: the web app on Kestrel, a minimal provider on
/// another loopback port (<see cref="TestOpenIdProvider"/>), and an HTTP client following every redirect with its cookies.
/// </summary>
public sealed class WebOpenIdTests(WebStore store) : IClassFixture<WebStore>, IAsyncLifetime
{
    private TestOpenIdProvider _provider = null!;
    private WebHostRunner _host = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOpenIdProvider.StartAsync();
        var options = new OpenIdSignInOptions
        {
            DisplayName = "Test Council",
            Authority = _provider.Issuer,
            ClientId = TestOpenIdProvider.ClientId,
            ClientSecret = TestOpenIdProvider.ClientSecret,
            RequireHttpsMetadata = false,
            Roles = new RoleClaimOptions { Claim = "roles", Map = new() { ["AuditKit.TeamManager"] = Roles.TeamManager, ["AuditKit.Head"] = Roles.HeadOfService } },
            TeamClaim = "team",
        };
        options.Problems().ShouldBeEmpty();
        _host = await WebHostRunner.KestrelAsync(store.Settings() with { OpenIdConnect = options });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = _host.Address };

    [Fact]
    public async Task SignInPage_OffersTheProvider()
    {
        using var browser = Browser();
        var page = await browser.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        page.ShouldContain(">Sign in with Test Council</a>");
        page.ShouldContain("href=\"/sign-in/external\"");
        page.ShouldContain(">Sign in</button>");
    }

    [Fact]
    public async Task RedirectFlow_MappedRoleAndTeam_SignedInWithThatScope()
    {
        _provider.NextPerson = new()
        {
            ["email"] = "oidc.manager@council.test",
            ["name"] = "Olive Manager",
            ["roles"] = new[] { "Some.Other.Role", "AuditKit.TeamManager" },
            ["team"] = store.Team,
        };
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri("/sign-in/external", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/");
        var home = await response.Content.ReadAsStringAsync();
        home.ShouldContain($"Signed in as Olive Manager (Team manager, {WebUtility.HtmlEncode(store.Team)})");
        _provider.TokensIssued.ShouldBeGreaterThan(0);

        using var own = await browser.GetAsync(new Uri("/teams/" + Uri.EscapeDataString(store.Team), UriKind.Relative));
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = store.Teams.First(t => t.Team != store.Team && t.Team != WebStore.HostileTeam).Team;
        using var theirs = await browser.GetAsync(new Uri("/teams/" + Uri.EscapeDataString(other), UriKind.Relative));
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RedirectFlow_HeadOfServiceRole_SeesEveryTeam()
    {
        _provider.NextPerson = new() { ["preferred_username"] = "head@council.test", ["name"] = "Hana Head", ["roles"] = new[] { "AuditKit.Head" } };
        using var browser = Browser();
        using var response = await browser.GetAsync(new Uri("/sign-in/external", UriKind.Relative));
        (await response.Content.ReadAsStringAsync()).ShouldContain("Signed in as Hana Head (Head of service");
        var other = store.Teams.First(t => t.Team != store.Team && t.Team != WebStore.HostileTeam).Team;
        using var theirs = await browser.GetAsync(new Uri("/teams/" + Uri.EscapeDataString(other), UriKind.Relative));
        theirs.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RedirectFlow_UnmappedRole_RefusedWithAPageAndNotSignedIn()
    {
        _provider.NextPerson = new() { ["email"] = "stranger@council.test", ["name"] = "Sam Stranger", ["roles"] = new[] { "Payroll.Reader" }, ["team"] = store.Team };
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri("/sign-in/external", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/sign-in/refused");
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("You cannot use AuditKit with this account");
        page.ShouldContain("Your Test Council account has no AuditKit role, or a role AuditKit does not know.");
        using var home = await browser.GetAsync(new Uri("/", UriKind.Relative));
        home.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public async Task RedirectFlow_TeamManagerWithoutTeam_RefusedSayingSo()
    {
        _provider.NextPerson = new() { ["email"] = "noteam@council.test", ["roles"] = new[] { "AuditKit.TeamManager" } };
        using var browser = Browser();
        using var response = await browser.GetAsync(new Uri("/sign-in/external", UriKind.Relative));
        response.RequestMessage!.RequestUri!.PathAndQuery.ShouldBe("/sign-in/refused?reason=noteam");
        (await response.Content.ReadAsStringAsync()).ShouldContain("does not say which team you are in");
    }

    [Fact]
    public void Options_MissingSecretAndUnknownRole_SaySoByName()
    {
        var options = new OpenIdSignInOptions
        {
            Authority = "http://login.example.test/tenant/v2.0",
            ClientId = "id",
            Roles = new RoleClaimOptions { Map = new() { ["AuditKit.Boss"] = "boss" } },
        };
        var problems = options.Problems();
        problems.ShouldContain(p => p.Contains("Web:OpenIdConnect:Authority must start with https://"));
        problems.ShouldContain(p => p.Contains("Web:OpenIdConnect:ClientSecret is missing") && p.Contains("AUDITKIT_Web__OpenIdConnect__ClientSecret"));
        problems.ShouldContain(p => p.Contains("gives 'AuditKit.Boss' the role 'boss'"));
    }
}
