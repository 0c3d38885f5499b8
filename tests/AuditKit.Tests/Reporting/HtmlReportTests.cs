using System.Text.RegularExpressions;
using AuditKit.Calendar;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Tests.Cli;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Reporting;

/// <summary>report.html from real runs: self-contained, accessible, its contents, and its size.</summary>
public sealed partial class HtmlReportTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Run_Report_IsSelfContainedAndAccessible()
    {
        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store", "--outputs", "html");
        result.ExitCode.ShouldBe(3, result.Error);
        var html = File.ReadAllText(_fixture.PathOf("out", "report.html"));

        // Assert: nothing fetched from elsewhere (the SVG namespace is a name, not a fetch).
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("@import", Case.Insensitive);
        html.ShouldNotContain("url(", Case.Insensitive);
        ExternalReference().Matches(html).ShouldBeEmpty();

        // Real table markup: captions, header cells with their scope, RAG in words as well as colour.
        html.ShouldContain("<caption>Compliance by criterion and team</caption>");
        html.ShouldContain("<th scope=\"col\" class=\"team\">Team A</th>");
        html.ShouldContain("66.7% Red<span class=\"n\">n 3");
        Regex.Matches(html, "<th(?=[ >])(?![^>]*scope=)").ShouldBeEmpty();
        html.ShouldContain("@page");

        // Readable criterion names in the tables and charts; an id shows only as the column name beside a field's name.
        html.ShouldContain("1. The child was seen alone");
        Regex.Replace(html, "<code[^>]*>[^<]*</code>", string.Empty).ShouldNotContain("seen_alone");

        // User text is escaped: the rejected row's audit id shows as text, not markup.
        html.ShouldContain("=HYPERLINK(&quot;http://example.invalid&quot;)");
    }

    [Fact]
    public async Task Run_BundledSample_MatchesSnapshot()
    {
        // Act
        var html = await RunBundledSample();

        // Assert (rejected rows name their file by its full path: the repository's place differs from clone to clone)
        Snapshot.Match(html.Replace(RepoPaths.Root, "REPO", StringComparison.Ordinal), "report-sample");
    }

    [Fact]
    public async Task Run_BundledSample_HasTheBoardPackContents()
    {
        // Act
        var html = await RunBundledSample();

        // Assert: the period covered is the first to the last accepted audit date, with the as-of date.
        html.ShouldContain("<dt>Period covered</dt><dd>1 September 2026 to ");
        html.ShouldContain("<dt>As of</dt><dd>30 November 2026");

        // Grades in the order of the scale, best first.
        var grades = new[] { ">Outstanding<", ">Good<", ">Requires improvement<", ">Inadequate<" }.Select(g => html.IndexOf(g, StringComparison.Ordinal)).ToList();
        grades.ShouldAllBe(i => i > 0);
        grades.ShouldBeInOrder();

        // Figures on fewer than 5 cases are marked with a sign and a word, not by colour alone.
        html.ShouldContain("<span class=\"vh\"> provisional</span>");
        html.ShouldContain("fewer than 5 cases (n below 5)");

        // Both views, and actions counted rather than listed: at most 20 of the 610 as rows.
        html.ShouldContain("<caption>Compliance by criterion and audit month</caption>");
        html.ShouldContain("<caption>Compliance by criterion and service</caption>");
        html.ShouldContain("Case actions most overdue: 10 of 520");
        html.ShouldContain("Service and team actions due first: 10 of 90");
        html.ShouldContain("raised 90 days after the audit");
        Regex.Matches(html, "<p class=\"note\">Case actions fall due").Count.ShouldBe(1);
    }

    [Fact]
    public void Write_OneTeamWithoutServices_GivesOneColumnAndSaysThereIsNoServiceView()
    {
        // Arrange: one team, no service column values.
        var report = Run(500, (_, cells, column) =>
        {
            cells[column("team")] = "Only Team";
            cells[column("service")] = string.Empty;
        });

        // Act
        var html = Write(report);

        // Assert
        Regex.Matches(html, "<th scope=\"col\" class=\"team\">").Count.ShouldBe(1);
        html.ShouldContain("<th scope=\"col\" class=\"team\">Only Team</th>");
        html.ShouldContain("The submissions give no service for any team");
        html.ShouldNotContain("scope=\"colgroup\"");
    }

    [Fact]
    public void Write_TenTimesTheAudits_SameRowsAndAboutTheSameSize()
    {
        // Arrange: one row in 50 rejected (a date that does not exist), so that every list has more than its cap.
        static void Break(int row, string[] cells, Func<string, int> column)
        {
            if (row % 50 == 0)
            {
                cells[column("audit_date")] = "31/02/2026";
            }
        }

        var small = Run(2_000, Break);
        var large = Run(20_000, Break);
        large.Rejected.Length.ShouldBe(400);
        large.Actions.Count.ShouldBeGreaterThan(10 * ReportPageCaps);

        // Act
        var smallHtml = Write(small);
        var largeHtml = Write(large);

        // Assert: no list grows with the audits or actions, so the page has the same rows; only the numbers in it grow.
        Regex.Matches(largeHtml, "<tr").Count.ShouldBe(Regex.Matches(smallHtml, "<tr").Count);
        Regex.Matches(largeHtml, "<li").Count.ShouldBe(Regex.Matches(smallHtml, "<li").Count);
        largeHtml.Length.ShouldBeLessThan(smallHtml.Length + (smallHtml.Length / 20));
        largeHtml.Length.ShouldBeLessThan(400_000);
    }

    /// <summary>Far more than any list on the page holds.</summary>
    private const int ReportPageCaps = 1_000;

    /// <summary>The bundled sample run as the README shows it; its HTML.</summary>
    private async Task<string> RunBundledSample()
    {
        var result = await CliRunner.RunAsync(RepoPaths.Root, "run", "--template", "templates/quality-of-practice.yaml", "--submissions", "samples/audits", "--out", _fixture.PathOf("sample"), "--as-of", "2026-11-30", "--no-store", "--outputs", "html");
        result.ExitCode.ShouldBe(3, result.Error);
        return File.ReadAllText(_fixture.PathOf("sample", "report.html"));
    }

    private static RunReport Run(int audits, Action<int, string[], Func<string, int>> edit)
    {
        var rules = SyntheticAudits.QualityOfPractice();
        var csv = SyntheticAudits.Csv(rules.Template, audits, 11, edit);
        return AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(csv), "audits.csv"), new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default));
    }

    private static string Write(RunReport report)
    {
        using var writer = new StringWriter();
        HtmlReportWriter.Write(report, writer);
        return writer.ToString();
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
