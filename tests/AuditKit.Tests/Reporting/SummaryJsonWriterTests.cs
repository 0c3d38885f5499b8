using System.Text;
using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Templates;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Reporting;

public sealed class SummaryJsonWriterTests
{
    // Values JSON must escape or encode: quotes, backslashes, a line separator, HTML-sensitive and formula characters,
    // accented letters and a character outside the Basic Multilingual Plane (a surrogate pair). Control characters are
    // rejected in identifying fields, so they never reach these writers through a run.
    private static readonly string[] OddValues =
        ["Q\"uote", "Back\\slash", "Line\u2028sep", "<b>&amp;</b>", "+=SUM(A1)", "Zoë Ó", "Smile \U0001F600", "plain"];

    [Fact]
    public void Write_RunWithManyCaseActions_SameBytesAsWritingEachActionInTurn()
    {
        // Arrange: enough audits for several chunks of case actions, with odd team names, case references and ids,
        // and odd owner names from the team directory.
        var rules = SyntheticAudits.QualityOfPractice();
        var directory = new TeamDirectory([], new TeamContacts(TeamManager: "Sam \"SJ\" Jones", HeadOfService: "Priya Shah \U0001F600"));
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default, Directory: directory);
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(OddAudits(rules.Template, 28000)), "audits.csv"), options);
        report.Submissions.Rejected.ShouldBe(0);
        report.Actions.Cases.Count.ShouldBeGreaterThan(3 * 8192);

        // Act
        var json = Write(report);

        // Assert: every action as its record says, escaped where JSON must.
        report.Compliance.Overall.Agreement.Disagreements.Length.ShouldBeGreaterThan(1000);
        ActionsIn(json).ShouldBe(Fields(report.Actions.ToFollowUpActions()));
        json.ShouldContain("Q\\\"uote");
        json.ShouldContain("Sam \\\"SJ\\\" Jones");
    }

    [Fact]
    public void Write_RunWithOneCaseAction_SameBytesAsWritingItInTurn()
    {
        var rules = SyntheticAudits.QualityOfPractice();
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default);
        var audits = OddAudits(rules.Template, 40).Split('\n');
        var report = Enumerable.Range(1, audits.Length - 1)
            .Select(row => AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(audits[0] + "\n" + audits[row]), "audits.csv"), options))
            .First(r => r.Actions.Cases.Count == 1);

        ActionsIn(Write(report)).ShouldBe(Fields(report.Actions.ToFollowUpActions()));
    }

    [Fact]
    public void Write_OwnersNamingThePractitionerOrAuditor_SameBytesAsWritingEachActionInTurn()
    {
        // Arrange: case actions owned by and escalated to each audit's practitioner (blank for some audits) or auditor,
        // with odd names, with a text that names the team and repeats the case reference, for teams that the
        // directory gives odd managers.
        var template = new TemplateBuilder()
            .Criterion("seen", metWhen: "true")
            .CaseAction("true", "{team}: check {case_ref}, then file {case_ref}.", owner: Role.Practitioner, escalateTo: Role.Auditor)
            .CaseAction("true", "Feedback on {case_ref}.", owner: Role.Auditor, days: 10, escalateTo: Role.Practitioner)
            .CaseAction("true", "Review {case_ref} for {team}.", owner: Role.TeamManager, days: 15, escalateTo: Role.HeadOfService)
            .Build();
        var rules = RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default).Value!;
        var directory = new TeamDirectory([], new TeamContacts(TeamManager: "Sam \"SJ\" Jones", HeadOfService: "Priya Shah \U0001F600"));
        var options = new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default, Directory: directory);
        var csv = SyntheticAudits.Csv(template, 3000, 3, (row, cells, column) =>
        {
            cells[column("practitioner")] = row % 5 == 0 ? string.Empty : Quote(cells[column("practitioner")] + OddValues[row % OddValues.Length]);
            cells[column("auditor")] = Quote(OddValues[(row / 2) % OddValues.Length] + " " + cells[column("auditor")]);
            cells[column("team")] = Quote(cells[column("team")] + " " + OddValues[(row / 11) % OddValues.Length]);
        });
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(new StringReader(csv), "audits.csv"), options);
        report.Submissions.Rejected.ShouldBe(0);

        // Act
        var json = Write(report);

        // Assert: every action as its record says, with the people's names (and the roles' names where a name is blank).
        ActionsIn(json).ShouldBe(Fields(report.Actions.ToFollowUpActions()));
        json.ShouldContain("\"owner\": \"practitioner\"");
        json.ShouldContain("\"escalate_to\": \"practitioner\"");
        json.ShouldContain("Q\\\"uote");
    }

    private static string Write(RunReport report)
    {
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>What summary.json says of each action, in order.</summary>
    private static List<string?[]> ActionsIn(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("actions").EnumerateArray().Select(a => ActionFields.Select(name => a.GetProperty(name).GetString()).ToArray())];
    }

    /// <summary>The same fields of each record.</summary>
    private static List<string?[]> Fields(IEnumerable<FollowUpAction> actions) =>
    [
        .. actions.Select(a => new[]
        {
            a.Id, ActionScopes.Name(a.Scope), a.Team, a.CaseRef, a.Criterion, a.Text, a.Owner, IsoDate.Format(a.Due), a.EscalateTo, a.AuditId, a.RuleKey,
        }),
    ];

    private static readonly string[] ActionFields = ["id", "scope", "team", "case_ref", "criterion", "action", "owner", "due", "escalate_to", "audit_id", "rule"];

    /// <summary>Synthetic audits with odd values in the team, case reference and audit id columns.</summary>
    private static string OddAudits(AuditTemplate template, int count) =>
        SyntheticAudits.Csv(template, count, 11, (row, cells, column) =>
        {
            cells[column("case_ref")] = Quote(OddValues[row % OddValues.Length] + cells[column("case_ref")]);
            cells[column("audit_id")] = Quote(cells[column("audit_id")] + OddValues[(row / 3) % OddValues.Length]);
            cells[column("team")] = Quote(cells[column("team")] + " " + OddValues[(row / 7) % OddValues.Length]);
        });

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
