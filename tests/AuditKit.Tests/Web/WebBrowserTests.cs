using AuditKit.Store;
using AuditKit.Tests.Reporting;
using AuditKit.Web.People;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AuditKit.Tests.Web;

/// <summary>
/// The web app on Kestrel in a real browser (Debian's Chromium through Playwright): signing in by keyboard alone, and
/// axe-core's checks on every page, at a desktop width and at 320 px.
/// </summary>
public sealed class WebBrowserTests(WebStore store) : IClassFixture<WebStore>, IAsyncLifetime
{
    private WebHostRunner _host = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _host = await WebHostRunner.KestrelAsync(store.Settings());
        if (File.Exists(HtmlReportPrintTests.Chromium))
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = HtmlReportPrintTests.Chromium, Headless = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    [ChromiumFact]
    public async Task SignIn_ByKeyboardAlone_ThenEveryPageHasNoAxeViolations()
    {
        using var opened = store.Open();
        var action = opened.ListActions(new ActionFilter(Team: store.Team), WebStore.AsOf).First(a => a.AuditId is not null);
        var pages = new[]
        {
            "/", "/teams/" + Uri.EscapeDataString(store.Team), "/audits/" + action.AuditId, "/actions", "/actions/" + action.Id,
        };

        foreach (var width in new[] { 1280, 320 })
        {
            var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } }); // Launched when Chromium exists.
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(_host.Address, "/sign-in").AbsoluteUri);
            await CheckAccessible(page, "/sign-in", width);

            // Tab to the email address field, as someone without a mouse does, then type, tab and press Enter.
            for (var i = 0; i < 10 && await page.EvaluateAsync<string>("document.activeElement.id") != "email"; i++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("email");
            await page.Keyboard.TypeAsync(WebStore.EmailOf(Roles.TeamManager));
            await page.Keyboard.PressAsync("Tab");
            (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("password");
            await page.Keyboard.TypeAsync(WebStore.Password);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(new Uri(_host.Address, "/").AbsoluteUri);
            (await page.TextContentAsync("h1")).ShouldBe("Home");

            foreach (var path in pages)
            {
                var response = await page.GotoAsync(new Uri(_host.Address, path).AbsoluteUri);
                response!.Status.ShouldBe(200, path);
                await CheckAccessible(page, path, width);
            }

            await context.CloseAsync();
        }
    }

    private static async Task CheckAccessible(IPage page, string path, int width)
    {
        var result = await page.RunAxe();
        result.Violations.Select(v => $"{path} at {width}px: {v.Id}: {v.Help} ({v.Nodes.Length} elements, first {v.Nodes.FirstOrDefault()?.Html})").ShouldBeEmpty();

        // Nothing but a table's own scrolling box is wider than the screen.
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        overflow.ShouldBeLessThanOrEqualTo(width, $"{path} at {width}px");
    }
}
