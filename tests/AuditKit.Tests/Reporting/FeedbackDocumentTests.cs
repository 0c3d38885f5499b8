using System.Text.RegularExpressions;
using AuditKit.Tests.Cli;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Reporting;

/// <summary><c>explain --html</c>: the printable feedback document on each audit, and its options.</summary>
public sealed partial class FeedbackDocumentTests : IDisposable
{
    private const string Audits = "feedback/qop-feedback.csv";
    private static readonly string[] AuditIds = ["QA-2026-09-00002", "QA-2026-09-00005", "QA-2026-09-00018", "QA-2026-09-00024"];
    private static readonly string[] CaseRefs = ["C-435844", "C-760366", "C-551700", "C-598332"];
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    internal static string Template => RepoPaths.InRepo("templates", "quality-of-practice.yaml");

    internal static string Directory => RepoPaths.InRepo("samples", "teams.yaml");

    [Fact]
    public async Task Html_Folder_OneDocumentPerAuditInPlainWords()
    {
        // Act
        var result = await WriteFeedback("fb");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe("Wrote 4 feedback documents to fb/, one per audit (named by audit id).\n");
        System.IO.Directory.GetFiles(_fixture.PathOf("fb")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(AuditIds.Select(id => id.ToLowerInvariant() + ".html"));
        var html = File.ReadAllText(_fixture.PathOf("fb", "qa-2026-09-00002.html"));
        Snapshot.Match(html, "feedback-inadequate");

        // What was found and why, from the template's wording and the dates on the audit.
        html.ShouldContain("<h1 id=\"audit-1-title\">Case C-435844</h1>");
        html.ShouldContain("<dt>Practitioner</dt><dd>Marcus Sorrelwick</dd>");
        html.ShouldContain("The auditor found this standard not met.");
        html.ShouldContain("Met, worked out from what the audit recorded: 18 days from the last case supervision (14 August 2026) to the audit date (1 September 2026), against a limit of 31.");
        html.ShouldContain("This standard does not apply to this case, going by what the audit recorded: case type CIN.");
        html.ShouldContain("<span class=\"label\">What the standard expects:</span> Met - the visit records show the child was seen on their own");

        // The auditor's comments, escaped; the grades; actions with owners, due dates and the late-raising note.
        html.ShouldContain("Father&#39;s views &lt;not&gt; recorded &amp; he has asked to be involved.");
        html.ShouldContain("Grade: <strong>Inadequate</strong>");
        html.ShouldContain("The auditor's own grade: <strong>Requires improvement</strong>, which differs from the grade the audit's rules give.");
        html.ShouldContain("<td>Hannah Kowalczyk<br><span class=\"guidance\">escalate to Morag Ellison (Head of Service)</span></td>");
        html.ShouldContain("raised on 30 November 2026, 90 days after the audit");
        html.ShouldContain("15 September 2026<br><span class=\"guidance\">passed when raised</span>");
        html.ShouldContain("<h2>What is working well</h2>");

        // The rules as applied, for quality assurance officers, folded away.
        html.ShouldContain("<details class=\"appendix\">");
        html.ShouldContain("<code>working_days_between(last_visit_date, audit_date)");
    }

    [Fact]
    public async Task Html_Folder_EachDocumentHoldsOnlyItsOwnCase()
    {
        // Act
        var result = await WriteFeedback("fb");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        for (var i = 0; i < AuditIds.Length; i++)
        {
            var html = File.ReadAllText(_fixture.PathOf("fb", AuditIds[i].ToLowerInvariant() + ".html"));
            html.ShouldContain(CaseRefs[i]);
            html.ShouldContain(AuditIds[i]);
            for (var j = 0; j < AuditIds.Length; j++)
            {
                if (j != i)
                {
                    html.ShouldNotContain(CaseRefs[j]);
                    html.ShouldNotContain(AuditIds[j]);
                }
            }

            AssertSelfContained(html);
        }

        // A case with no practitioner named, and one whose visit date was left blank.
        var noPractitioner = File.ReadAllText(_fixture.PathOf("fb", "qa-2026-09-00018.html"));
        noPractitioner.ShouldContain("<dt>Practitioner</dt><dd>Not recorded on the audit</dd>");
        noPractitioner.ShouldContain("=Several actions say &quot;ongoing&quot;.");
        var blankVisit = File.ReadAllText(_fixture.PathOf("fb", "qa-2026-09-00024.html"));
        Snapshot.Match(blankVisit, "feedback-blank-visit");
        blankVisit.ShouldContain("This could not be worked out because the last statutory visit was left blank on the audit, so it was not scored.");
        blankVisit.ShouldContain("The auditor judged that this standard does not apply to this case.");
        var outstanding = File.ReadAllText(_fixture.PathOf("fb", "qa-2026-09-00005.html"));
        outstanding.ShouldContain("Grade: <strong>Outstanding</strong>");
        outstanding.ShouldContain("The auditor's own grade: <strong>Outstanding</strong>, the same.");
        outstanding.ShouldContain("Every critical standard that applied (2) was met.");
        outstanding.ShouldContain("<li><span class=\"badge b-missing\">Not scored</span> No looked after review is overdue");
    }

    [Fact]
    public async Task Html_OneFile_EveryAuditOnItsOwnPage()
    {
        // Act
        var result = await WriteFeedback("batch.html");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe("Wrote the feedback on 4 audits to batch.html, each audit on a new page.\n");
        var html = File.ReadAllText(_fixture.PathOf("batch.html"));
        Article().Matches(html).Count.ShouldBe(4);
        html.ShouldContain("<title>Audit feedback: Monthly quality of practice audit, 4 audits</title>");
        html.ShouldContain("article.feedback + article.feedback { break-before: page;");
        CaseRefs.ShouldAllBe(c => html.Contains(c, StringComparison.Ordinal));
        AssertSelfContained(html);
    }

    [Fact]
    public async Task Html_SameInputs_SameBytes()
    {
        // Act
        await WriteFeedback("one.html");
        var first = File.ReadAllBytes(_fixture.PathOf("one.html"));
        await WriteFeedback("one.html");

        // Assert
        File.ReadAllBytes(_fixture.PathOf("one.html")).ShouldBe(first);
        System.IO.Directory.GetFiles(_fixture.Folder, ".*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task Html_ChosenAudit_OnlyThatOne()
    {
        // Act
        var result = await _fixture.RunAsync("explain", "--template", Template, "--submissions", Audits, "--audit-id", "qa-2026-09-00018", "--html", "fb", "--as-of", "2026-11-30");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe("Wrote 1 feedback document to fb/, one per audit (named by audit id).\n");
        System.IO.Directory.GetFiles(_fixture.PathOf("fb")).Select(Path.GetFileName).ShouldBe(["qa-2026-09-00018.html"]);

        // Without a team directory the managing roles stay roles, and without a practitioner on the audit so does theirs.
        var html = File.ReadAllText(_fixture.PathOf("fb", "qa-2026-09-00018.html"));
        html.ShouldContain("<td>Team manager</td><td>17 September 2026");
        html.ShouldContain("<td>Practitioner</td><td>24 September 2026");
    }

    [Theory]
    [InlineData("file", "--html 'notes' is a file; give a folder for one document per audit, or a file name ending .html for one document with every audit.")]
    [InlineData("folder", "--html 'old.html' is a folder, but a name ending .html asks for one document; give a file name, or another folder for one document per audit.")]
    [InlineData("as-of", "--as-of '30/11/2026' is not a date; write it as YYYY-MM-DD, for example 2026-11-30.")]
    public async Task Html_BadTarget_ExitsTwoWithHowToFix(string problem, string message)
    {
        // Arrange
        File.WriteAllText(_fixture.PathOf("notes"), "mine");
        System.IO.Directory.CreateDirectory(_fixture.PathOf("old.html"));
        string[] args = problem switch
        {
            "file" => ["--html", "notes"],
            "folder" => ["--html", "old.html"],
            _ => ["--html", "fb", "--as-of", "30/11/2026"],
        };

        // Act
        var result = await _fixture.RunAsync(["explain", "--template", Template, "--submissions", Audits, .. args]);

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
        File.ReadAllText(_fixture.PathOf("notes")).ShouldBe("mine");
        System.IO.Directory.Exists(_fixture.PathOf("fb")).ShouldBeFalse();
    }

    [Fact]
    public async Task Html_NoAuditCanBeEvaluated_ExitsTwoAndWritesNothing()
    {
        // Act: B4 is rejected (an answer 'Maybe').
        var result = await _fixture.RunAsync("explain", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--audit-id", "B4", "--html", "fb");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Out.ShouldContain("cannot be evaluated");
        result.Error.ShouldBe("error: No audit in the files could be evaluated, so no feedback document was written.\n");
        System.IO.Directory.Exists(_fixture.PathOf("fb")).ShouldBeFalse();
    }

    [Fact]
    public async Task Html_UnknownAuditId_ExitsTwo()
    {
        // Act
        var result = await _fixture.RunAsync("explain", "--template", Template, "--submissions", Audits, "--audit-id", "NOPE", "--html", "fb");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("error: No audit with id 'NOPE' in the files given.\n");
        System.IO.Directory.Exists(_fixture.PathOf("fb")).ShouldBeFalse();
    }

    internal Task<CliResult> WriteFeedback(string target) =>
        _fixture.RunAsync("explain", "--template", Template, "--submissions", Audits, "--html", target, "--as-of", "2026-11-30", "--directory", Directory);

    private static void AssertSelfContained(string html)
    {
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("@import", Case.Insensitive);
        ExternalReference().Matches(html).ShouldBeEmpty();
        html.ShouldContain("<html lang=\"en-GB\">");
        html.ShouldContain("@page { size: A4 portrait;");
        html.ShouldNotContain("<not>");
    }

    [GeneratedRegex("<article class=\"feedback\"")]
    private static partial Regex Article();

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
