using System.Text.Json;
using System.Text.RegularExpressions;
using AuditKit.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AuditKit.Tests.Reporting;

/// <summary>
/// report.html in a real browser (Debian's Chromium through Playwright): laid out for print at the width of an A4 page,
/// every element of each section lies within its page's printable width and no cell's content spills out of it, every
/// team has its column in the heatmap, and the page prints to a bounded number of A4 pages.
/// </summary>
public sealed partial class HtmlReportPrintTests : IAsyncLifetime
{
    internal const string Chromium = "/usr/bin/chromium";

    /// <summary>A4 less 12 mm margins each side, in CSS pixels (rounded down, so the check is never kinder than the page).</summary>
    private const int PortraitWidth = 702;

    private const int LandscapeWidth = 1031;

    private const int MinimumColumnWidth = 60;

    /// <summary>Elements that reach past the page's width, and cells (or scrolling boxes) whose content is wider than they are.</summary>
    private const string OverflowScript = """
        ([selector, width]) => {
          const problems = [];
          for (const root of document.querySelectorAll(selector)) {
            for (const el of [root, ...root.querySelectorAll('*')]) {
              if (el.closest('.vh')) continue;
              const r = el.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              const what = el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 50) + '"';
              if (r.left < -0.5 || r.right > width + 0.5) problems.push(what + ' spans ' + r.left.toFixed(1) + ' to ' + r.right.toFixed(1));
              if ((el.tagName === 'TD' || el.tagName === 'TH' || el.classList.contains('scroll')) && el.scrollWidth > el.clientWidth + 1)
                problems.push(what + ' is ' + el.scrollWidth + ' wide in a box of ' + el.clientWidth);
            }
          }
          return problems;
        }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "auditkit-print-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        if (File.Exists(Chromium))
        {
            // Playwright's own driver (shipped in the package) drives Debian's Chromium: no browser is downloaded.
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    [ChromiumFact]
    public async Task Print_BundledSample_EveryTeamOnThePageAndNothingCut()
    {
        // Arrange
        var report = await RunReport("sample", "samples/audits");

        // Act and assert
        var pages = await CheckPrinted(report);
        pages.ShouldBeInRange(8, 20);
        await CheckAccessible(report);
    }

    [ChromiumFact]
    public async Task Print_ThirtyTeams_SplitsTheHeatmapByColumnsAndNothingCut()
    {
        // Arrange: 30 teams in several services, over 6 months, with counts of five digits.
        var csv = Path.Combine(_folder, "thirty-teams.csv");
        var synth = await CliRunner.RunAsync(RepoPaths.Root, "synth", "--template", "templates/quality-of-practice.yaml", "--count", "20000", "--seed", "7", "--teams", "30", "--months", "6", "--out", csv);
        synth.ExitCode.ShouldBe(0, synth.Error);
        var report = await RunReport("thirty", csv);

        // Act and assert
        var pages = await CheckPrinted(report);
        File.ReadAllText(report.Html).ShouldContain("<caption>Compliance by criterion and team, teams 25 to 30 of 30</caption>");
        pages.ShouldBeInRange(20, 45);
    }

    /// <summary>Checks the layout at print width and prints the page; the number of pages printed.</summary>
    private async Task<int> CheckPrinted(Report report)
    {
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is missing; 'bash .ci/chromium.sh' installs Debian's chromium.");
        var page = await _browser!.NewPageAsync(); // Launched whenever Chromium exists, which the line above checked.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.GotoAsync(new Uri(report.Html).AbsoluteUri);

        // Portrait sections at the width of a portrait page, the wide tables at the width of a landscape one.
        await page.SetViewportSizeAsync(PortraitWidth, 1000);
        (await page.EvaluateAsync<string[]>(OverflowScript, new object[] { "header, nav, main > section:not(.wide)", PortraitWidth })).ShouldBeEmpty();
        await page.SetViewportSizeAsync(LandscapeWidth, 1000);
        (await page.EvaluateAsync<string[]>(OverflowScript, new object[] { "main > section.wide", LandscapeWidth })).ShouldBeEmpty();

        // Every team has its column in the heatmap, once, within the page and wide enough for "100% Amber" (squeezed
        // columns would break figures mid-word rather than overflow).
        var columns = await page.EvaluateAsync<TeamColumn[]>(
            "() => [...document.querySelectorAll('#heatmap th.team')].map(th => { const r = th.getBoundingClientRect(); return { name: th.textContent, left: r.left, right: r.right }; })");
        columns.Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(report.Teams.Order(StringComparer.Ordinal));
        columns.ShouldAllBe(c => c.Left >= 0 && c.Right <= LandscapeWidth && c.Right - c.Left >= MinimumColumnWidth);

        // Printed on A4 as the page's own @page rules say: portrait pages, and landscape ones for the wide tables.
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        var sizes = PageSize().Matches(pdf).Select(m => (Width: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Height: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var pages = PageObject().Matches(pdf).Count;
        sizes.Count.ShouldBe(pages);
        sizes.ShouldAllBe(s => (Math.Abs(s.Width - 595) < 1 && Math.Abs(s.Height - 842) < 1) || (Math.Abs(s.Width - 842) < 1 && Math.Abs(s.Height - 595) < 1));
        sizes.Count(s => s.Width > s.Height).ShouldBeGreaterThan(0);
        await page.CloseAsync();
        return pages;
    }

    /// <summary>No accessibility rule of axe is broken (contrast, table headers, headings, landmarks, names), on screen.</summary>
    private async Task CheckAccessible(Report report)
    {
        var page = await _browser!.NewPageAsync(); // Launched whenever Chromium exists, which CheckPrinted checked.
        await page.GotoAsync(new Uri(report.Html).AbsoluteUri);
        var result = await page.RunAxe();
        result.Passes.Select(p => p.Id).ShouldContain("color-contrast");
        result.Passes.Select(p => p.Id).ShouldContain("th-has-data-cells");
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} elements, first {v.Nodes.FirstOrDefault()?.Html})").ShouldBeEmpty();
        await page.CloseAsync();
    }

    private async Task<Report> RunReport(string name, string submissions)
    {
        var folder = Path.Combine(_folder, name);
        var result = await CliRunner.RunAsync(RepoPaths.Root, "run", "--template", "templates/quality-of-practice.yaml", "--submissions", submissions, "--out", folder, "--as-of", "2026-11-30", "--no-store", "--outputs", "html");
        result.ExitCode.ShouldBeOneOf([0, 3], result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var teams = summary.RootElement.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("team").GetString()!).ToList(); // Every team has a name.
        teams.Count.ShouldBeGreaterThan(1);
        return new Report(Path.Combine(folder, "report.html"), teams);
    }

    private sealed record Report(string Html, IReadOnlyList<string> Teams);

    /// <summary>A team's heading cell in the heatmap, as the browser placed it (filled in by Playwright).</summary>
    private sealed class TeamColumn
    {
        public string Name { get; set; } = string.Empty;

        public double Left { get; set; }

        public double Right { get; set; }

        public override string ToString() => $"'{Name}' from {Left:0.#} to {Right:0.#}";
    }

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex PageSize();
}

/// <summary>A test that needs Debian's Chromium: skipped where it is not installed, except in CI, where it must be.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HtmlReportPrintTests.Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "Debian's chromium is not installed ('bash .ci/chromium.sh' installs it).";
        }
    }
}
