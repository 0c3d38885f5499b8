using System.Diagnostics;
using System.Text.RegularExpressions;
using AuditKit.Tests.Cli;

namespace AuditKit.Tests.Reporting;

/// <summary>report.html from a real run: self-contained, accessible, and opened in a real browser (Debian's Chromium).</summary>
public sealed partial class HtmlReportTests : IDisposable
{
    internal const string Chromium = "/usr/bin/chromium";
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Run_Report_IsSelfContainedAndAccessible()
    {
        // Act
        var html = await RunAndReadReport();

        // Assert: nothing fetched from elsewhere (the SVG namespace is a name, not a fetch).
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("@import", Case.Insensitive);
        ExternalReference().Matches(html).ShouldBeEmpty();

        // Real table markup, with RAG in words as well as colour.
        html.ShouldContain("<caption>");
        html.ShouldContain("<th scope=\"col\">Team A</th>");
        html.ShouldContain("class=\"num rag-Red\">66.7% Red");
        html.ShouldContain("<svg class=\"chart\" role=\"img\"");
        html.ShouldContain("@media print");

        // User text is escaped: the rejected row's audit id shows as text, not markup.
        html.ShouldContain("=HYPERLINK(&quot;http://example.invalid&quot;)");
    }

    [ChromiumFact]
    public async Task Run_Report_OpensAndPrintsInChromium()
    {
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is missing; 'bash .ci/chromium.sh' installs Debian's chromium.");

        // Arrange
        await RunAndReadReport();
        var report = _fixture.PathOf("out", "report.html");
        var pdf = _fixture.PathOf("out", "report.pdf");

        // Act: the page as the browser built it, and the page printed to PDF.
        var dom = RunChromium($"--dump-dom file://{report}");
        RunChromium($"--print-to-pdf={pdf} --no-pdf-header-footer file://{report}");

        // Assert
        dom.ShouldContain("Compliance by criterion and team");
        dom.ShouldContain("<svg");
        dom.ShouldContain("66.7% Red");
        new FileInfo(pdf).Length.ShouldBeGreaterThan(10_000);
        File.ReadAllBytes(pdf).AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
    }

    private async Task<string> RunAndReadReport()
    {
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store", "--outputs", "html");
        result.ExitCode.ShouldBe(3, result.Error);
        return File.ReadAllText(_fixture.PathOf("out", "report.html"));
    }

    private string RunChromium(string arguments)
    {
        var profile = _fixture.PathOf("chromium-profile");
        var start = new ProcessStartInfo(
            Chromium,
            "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
            $"--disable-component-update --disable-sync --user-data-dir={profile} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents.
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 60 seconds.");
        }

        process.ExitCode.ShouldBe(0, stderr.Result);
        return output;
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

/// <summary>A test that needs Debian's Chromium: skipped where it is not installed, except in CI, where it must be.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HtmlReportTests.Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "Debian's chromium is not installed ('bash .ci/chromium.sh' installs it).";
        }
    }
}
