using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Synthesis;
using AuditKit.Templates;
using AuditKit.Tests.Templates;
using Shouldly;
using Xunit;

namespace AuditKit.Tests.Runs;

public class AuditRunnerTests
{
    [Fact]
    public void Run_SyntheticAudits_CaseActionsMatchEvaluateResolvedAndSorted()
    {
        // Arrange
        var template = TemplateLoader.Load(
            TemplateTestData.PathOf("Templates/valid/templates/quality-of-practice.yaml"),
            [TemplateTestData.PathOf("Templates/valid/extra-rules")]).Value!;
        var rules = RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default).Value!;
        var csv = new StringWriter();
        new SubmissionSynthesizer().Write(template, new SynthesisOptions(1500, 7), csv);
        // Re-audits: the same case, team and date under another audit id, so only the id orders their actions.
        var lines = csv.ToString().TrimEnd().Split('\n');
        var audits = string.Join('\n', [.. lines, .. lines.Skip(1).Take(300).Select(line => "R" + line)]);
        var directory = new TeamDirectory([], new TeamContacts(TeamManager: "Sam Jones", HeadOfService: "Priya Shah"));
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default, Directory: directory);
        var results = new List<CaseResult>();

        // Act
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(audits), "audits.csv"), options, results.Add);

        // Assert
        var raised = results.SelectMany(r => r.Actions).ToList();
        raised.Count.ShouldBeGreaterThan(1000);
        raised.ShouldContain(a => a.EscalateTo != null);
        var expected = FollowUpPlanner.SortForReport(
            FollowUpPlanner.ResolveOwners(raised, results.Select(r => r.Submission), directory));
        var actual = report.Actions.Where(a => a.Scope == ActionScope.Case).ToList();
        actual.ShouldBe(expected);
        actual.ShouldContain(a => a.Owner == "Sam Jones");
        Enumerable.Range(0, report.Actions.Count).Select(i => report.Actions[i]).ShouldBe(report.Actions);
    }

    [Fact]
    public void Run_AwkwardCaseReferences_CaseActionsSortedAsTheReportOrder()
    {
        // Arrange: case references that are prefixes of one another on both sides of 7 characters, differ only in
        // case or past the 7th character, are not ASCII, or repeat (so that only ids and the order raised decide).
        string[] references =
        [
            "C1", "C10", "C-1", "C-10000", "C-100000", "C-1000000", "C-1000001", "C-10000000", "c1", "C 1", "C\u007f",
            "Cé", "C\u00e9x", "C\U0001F600", "C-\u00e910000", "\uFFFDC", "C-1000000",
        ];
        var template = TemplateLoader.Load(
            TemplateTestData.PathOf("Templates/valid/templates/quality-of-practice.yaml"),
            [TemplateTestData.PathOf("Templates/valid/extra-rules")]).Value!;
        var rules = RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default).Value!;
        var csv = new StringWriter();
        new SubmissionSynthesizer().Write(template, new SynthesisOptions(2000, 3), csv);
        var lines = csv.ToString().TrimEnd().Split('\n');
        var caseRef = Array.IndexOf(lines[0].Split(','), "case_ref");
        var audits = string.Join('\n', [lines[0], .. lines.Skip(1).Select((line, i) =>
        {
            var cells = line.TrimEnd('\r').Split(',');
            cells[caseRef] = references[i % references.Length];
            return string.Join(',', cells);
        })]);
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default);
        var results = new List<CaseResult>();

        // Act
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(audits), "audits.csv"), options, results.Add);

        // Assert
        report.Submissions.Rejected.ShouldBe(0);
        var expected = FollowUpPlanner.SortForReport(
            FollowUpPlanner.ResolveOwners(results.SelectMany(r => r.Actions).ToList(), results.Select(r => r.Submission), null));
        report.Actions.Where(a => a.Scope == ActionScope.Case).ToList().ShouldBe(expected);
    }
}
