using System.Text.Json;
using System.Text.RegularExpressions;
using AuditKit.Tests.Cli;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AuditKit.Tests.Reporting;

/// <summary>
/// The feedback documents printed in a real browser (Debian's Chromium through Playwright): A4 page counts within bounds,
/// and nothing wider than the printed page or sticking out of its own box.
/// </summary>
public sealed partial class FeedbackPrintTests : IDisposable
{
    // A4 less the 15 mm side margins of the documents' @page rule, in CSS pixels (96 to the inch).
    private const int PrintableWidth = (int)((210 - 30) / 25.4 * 96);
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [ChromiumFact]
    public async Task Print_OneAuditAndBatch_PageCountsInBoundsAndNothingClipped()
    {
        // Arrange
        var one = await _fixture.RunAsync("explain", "--template", FeedbackDocumentTests.Template, "--submissions", "feedback/qop-feedback.csv", "--html", "fb", "--as-of", "2026-11-30", "--directory", FeedbackDocumentTests.Directory);
        var batch = await _fixture.RunAsync("explain", "--template", FeedbackDocumentTests.Template, "--submissions", "feedback/qop-feedback.csv", "--html", "batch.html", "--as-of", "2026-11-30");
        one.ExitCode.ShouldBe(0, one.Error);
        batch.ExitCode.ShouldBe(0, batch.Error);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HtmlReportPrintTests.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });

        // Act and assert: each audit on its own prints on one to six pages.
        var pages = new List<int>();
        foreach (var file in Directory.GetFiles(_fixture.PathOf("fb")).Order(StringComparer.Ordinal))
        {
            var (count, clipped) = await Print(browser, file);
            clipped.ShouldBeEmpty($"{Path.GetFileName(file)}: elements wider than the page or their box");
            count.ShouldBeInRange(1, 6, Path.GetFileName(file));
            pages.Add(count);
        }

        // The batch: every audit starts on a new page, so it has as many pages as the audits printed alone.
        var (batchPages, batchClipped) = await Print(browser, _fixture.PathOf("batch.html"));
        batchClipped.ShouldBeEmpty("batch.html: elements wider than the page or their box");
        batchPages.ShouldBe(pages.Sum());
    }

    [ChromiumFact]
    public async Task Open_Batch_NoAccessibilityViolations()
    {
        // Arrange
        var batch = await _fixture.RunAsync("explain", "--template", FeedbackDocumentTests.Template, "--submissions", "feedback/qop-feedback.csv", "--html", "batch.html", "--as-of", "2026-11-30");
        batch.ExitCode.ShouldBe(0, batch.Error);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = HtmlReportPrintTests.Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(_fixture.PathOf("batch.html")).AbsoluteUri);

        // Act: axe-core's checks (contrast, headings, labels, landmarks, tables, language).
        var result = await page.RunAxe();

        // Assert
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} elements)").ShouldBeEmpty();
        result.Passes.Length.ShouldBeGreaterThan(10);
    }

    /// <summary>The document printed to PDF (its page count), and the elements that overflow the printable width or their own box.</summary>
    private async Task<(int Pages, List<string> Clipped)> Print(IBrowser browser, string file)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = PrintableWidth, Height = 1000 } });
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var json = await page.EvaluateAsync<string>(
            """
            () => {
              const width = document.documentElement.clientWidth;
              const bad = [];
              for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) continue;
                const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
                if (box.left < -0.5 || box.right > width + 0.5) bad.push(name + ' spans ' + Math.round(box.left) + '..' + Math.round(box.right) + ' of ' + width);
                else if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).display !== 'inline') bad.push(name + ' holds ' + el.scrollWidth + ' in ' + el.clientWidth);
              }
              if (document.documentElement.scrollWidth > width) bad.push('page scrolls to ' + document.documentElement.scrollWidth);
              return JSON.stringify(bad);
            }
            """);
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await page.CloseAsync();
        pdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        return (PdfPage().Matches(System.Text.Encoding.Latin1.GetString(pdf)).Count, JsonSerializer.Deserialize<List<string>>(json)!);
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();
}
