using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Runs;

public class AuditRunnerTests
{
    [Fact]
    public void Run_SyntheticAudits_CaseActionsMatchEvaluateResolvedAndSorted()
    {
        // Arrange
        var rules = SyntheticAudits.QualityOfPractice();
        // Re-audits: the same case, team and date under another audit id, so only the id orders their actions.
        var lines = SyntheticAudits.Csv(rules.Template, 1500, 7).Split('\n');
        var audits = string.Join('\n', [.. lines, .. lines.Skip(1).Take(300).Select(line => "R" + line)]);
        var directory = new TeamDirectory([], new TeamContacts(TeamManager: "Sam Jones", HeadOfService: "Priya Shah"));
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default, Directory: directory);
        var results = new List<CaseResult>();

        // Act
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(audits), "audits.csv"), options, results.Add);

        // Assert
        var raised = results.SelectMany(r => r.Actions).ToList();
        raised.Count.ShouldBeGreaterThan(1000);
        raised.ShouldContain(a => a.Rule.EscalateTo != null);
        var expected = FollowUpPlanner.SortForReport(results.SelectMany(r => FollowUpPlanner.PlanCaseActions(rules.Template.Id, r, directory)));
        var actual = report.Actions.Cases.ToFollowUpActions().ToList();
        actual.ShouldBe(expected);
        actual.ShouldContain(a => a.Owner == "Sam Jones");
    }

    [Fact]
    public void Run_AwkwardCaseReferences_CaseActionsSortedAsTheReportOrder()
    {
        // Arrange: case references that are prefixes of one another on both sides of 7 and 8 characters, differ only in
        // case or past the 7th character, are not ASCII, or repeat (so that only ids and the order raised decide).
        // (Control characters and U+FFFD are rejected in case references, so the characters just past '~' are U+00A1.)
        string[] references =
        [
            "C1", "C10", "C-1", "C-10000", "C-100000", "C-1000000", "C-1000001", "C-10000000", "c1", "C 1", "C\u00a1",
            "Cé", "C\u00e9x", "C\U0001F600", "C-\u00e910000", "\uFFFCC", "C-1000000", "C~", "C~1", "C}", "C}~", "C-1000000~",
            "C-100000\u00a1", "C-10000~0", "C-1000\u00e90", "C-1000\u00fc0", "ABCDEFGH", "ABCDEFGHI", "ABCDEFG",
        ];
        var rules = SyntheticAudits.QualityOfPractice();
        var audits = SyntheticAudits.Csv(rules.Template, 2000, 3, (row, cells, column) => cells[column("case_ref")] = references[row % references.Length]);
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default);
        var results = new List<CaseResult>();

        // Act
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(audits), "audits.csv"), options, results.Add);

        // Assert
        report.Submissions.Rejected.ShouldBe(0);
        var expected = FollowUpPlanner.SortForReport(results.SelectMany(r => FollowUpPlanner.PlanCaseActions(rules.Template.Id, r, null)));
        report.Actions.Cases.ToFollowUpActions().ToList().ShouldBe(expected);
    }
}
