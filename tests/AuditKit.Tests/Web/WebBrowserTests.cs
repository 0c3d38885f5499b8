using System.Text.RegularExpressions;
using AuditKit.Store;
using AuditKit.Tests.Reporting;
using AuditKit.Tests.Support;
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

    [ChromiumFact]
    public async Task AuditForm_ByKeyboard_NotApplicableOnSave_ErrorSummary_ThenSubmitted_NoAxeViolations()
    {
        var shots = Environment.GetEnvironmentVariable("AUDITKIT_SCREENSHOTS") ?? Path.Combine(store.Folder, "screenshots");
        Directory.CreateDirectory(shots);
        foreach (var width in new[] { 1280, 320 })
        {
            var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } }); // Launched when Chromium exists.
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(_host.Address, "/sign-in").AbsoluteUri);
            await page.FocusAsync("#email");
            await page.Keyboard.TypeAsync(WebStore.EmailOf(Roles.TeamManager));
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(WebStore.Password);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(new Uri(_host.Address, "/").AbsoluteUri);

            var caseRef = "C-7" + width;
            await page.GotoAsync(new Uri(_host.Address, "/audits/new?template=quality-of-practice&case_ref=" + caseRef).AbsoluteUri);
            await CheckAccessible(page, "/audits/new", width);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"form-{width}.png"), FullPage = true });

            // Facts typed, answers chosen with the space bar, the save button pressed with Enter.
            await page.FocusAsync("#case_type-0");
            await page.Keyboard.PressAsync("Space");
            await page.FocusAsync("#child_age");
            await page.Keyboard.TypeAsync("2");
            foreach (var (id, value) in new[] { ("last_visit_date", ("13", "11", "2026")) })
            {
                await page.FocusAsync($"#{id}-day");
                await page.Keyboard.TypeAsync(value.Item1);
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.TypeAsync(value.Item2);
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.TypeAsync(value.Item3);
            }

            foreach (var criterion in new[]
            {
                "child_views_recorded", "family_views_recorded", "home_environment_considered", "risk_and_protective_factors",
                "partner_agency_contributions", "analysis_informs_plan", "diversity_and_identity", "management_oversight",
                "supervision_reflective", "recording_up_to_date",
            })
            {
                await page.FocusAsync($"#{criterion}-0");
                await page.Keyboard.PressAsync("Space");
            }

            await page.FocusAsync("button[value=save]");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("#child_seen_alone-status");
            (await page.TextContentAsync("#child_seen_alone-status")).ShouldBe("Not applicable");

            // plan_smart left unanswered: submitting gives the error summary, linked to the field.
            await page.FocusAsync("button[value=submit]");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync(".govuk-error-summary");
            (await page.GetAttributeAsync(".govuk-error-summary__list a[href='#plan_smart-0']", "href")).ShouldBe("#plan_smart-0");
            await CheckAccessible(page, "/audits/new with errors", width);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"form-errors-{width}.png"), FullPage = true });

            await page.FocusAsync("#plan_smart-1");
            await page.Keyboard.PressAsync("Space");
            await page.FocusAsync("button[value=submit]");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(new Regex("/audits/WEB-"));
            (await page.ContentAsync()).ShouldContain(caseRef);
            await context.CloseAsync();
        }

        var report = Path.Combine(store.Folder, "report-form");
        var result = await CliRunner.RunAsync(store.Folder, "report", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--period", "2026-11", "--out", report, "--db", store.Db);
        result.ExitCode.ShouldBe(0, result.Error);
        var html = await File.ReadAllTextAsync(Path.Combine(report, "summary.json"));
        html.ShouldNotBeEmpty();
        using var opened = store.Open();
        opened.AuditedCases(new DateOnly(2026, 11, 1), WebStore.AsOf).Count(c => c.CaseRef is "C-71280" or "C-7320").ShouldBe(2);
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
