using System.Text.Json;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli;

/// <summary>
/// <c>auditkit run</c> end to end on TestData/Cli: a mini template, its rule set and ten rows. The figures below are
/// worked out by hand from audits/mini.csv (partly counts 0.5; n/a and missing are left out).
/// </summary>
public sealed class CliRunTests : IDisposable
{
    private static readonly string[] RunArgs =
    [
        "run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out",
        "--as-of", "2026-11-30", "--directory", "teams.yaml",
    ];

    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Run_MiniAudit_SummaryMatchesHandTotals()
    {
        // Act
        var result = await _fixture.RunAsync(RunArgs);

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        using var summary = JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        var root = summary.RootElement;

        // 10 rows: 7 accepted; B4 (answer 'Maybe'), the second B1 (identical duplicate) and the '=HYPERLINK' row (31/02) rejected.
        root.GetProperty("submissions").GetProperty("read").GetInt32().ShouldBe(10);
        root.GetProperty("submissions").GetProperty("accepted").GetInt32().ShouldBe(7);
        root.GetProperty("submissions").GetProperty("rejected").GetInt32().ShouldBe(3);

        // seen_alone: met A1, A4 ('yes'), B1; partly B2; not met A3; n/a A2 (age 2) and B3 (answer N/A): 3.5 / 5 = 0.7, Red against 0.9.
        var seen = Criterion(root.GetProperty("overall"), "seen_alone");
        (seen.GetProperty("met").GetInt32(), seen.GetProperty("partly").GetInt32(), seen.GetProperty("not_met").GetInt32()).ShouldBe((3, 1, 1));
        seen.GetProperty("not_applicable").GetInt32().ShouldBe(2);
        seen.GetProperty("compliance").GetDouble().ShouldBe(0.7);
        seen.GetProperty("rag").GetString().ShouldBe("Red");

        // views_recorded: 4 met, 1 partly ('partially'), 2 not met: 4.5 / 7.
        Criterion(root.GetProperty("overall"), "views_recorded").GetProperty("compliance").GetDouble().ShouldBe(0.642857);

        // plan_smart: 4 met, 2 partly, 1 not met: 5 / 7 = 0.714286, Amber (0.7 to 0.8).
        var plan = Criterion(root.GetProperty("overall"), "plan_smart");
        plan.GetProperty("compliance").GetDouble().ShouldBe(0.714286);
        plan.GetProperty("rag").GetString().ShouldBe("Amber");

        // visit_in_time (computed): A2 visited 23 working days before; A3 has no visit date (missing): 5 / 6.
        var visit = Criterion(root.GetProperty("overall"), "visit_in_time");
        (visit.GetProperty("met").GetInt32(), visit.GetProperty("not_met").GetInt32(), visit.GetProperty("missing").GetInt32()).ShouldBe((5, 1, 1));
        visit.GetProperty("compliance").GetDouble().ShouldBe(0.833333);

        // Grades: Good A1 (0.875), B1, B3; Requires improvement A2 (0.333), A4 (0.625), B2 (0.5); Inadequate A3 (critical not met).
        var grades = root.GetProperty("overall").GetProperty("grades");
        grades.GetProperty("Good").GetInt32().ShouldBe(3);
        grades.GetProperty("Requires improvement").GetInt32().ShouldBe(3);
        grades.GetProperty("Inadequate").GetInt32().ShouldBe(1);

        // The auditors' own grades agree on 5 of 7 (A2 and B2 were graded Good by the auditor).
        var agreement = root.GetProperty("overall").GetProperty("grade_agreement");
        (agreement.GetProperty("compared").GetInt32(), agreement.GetProperty("agreed").GetInt32()).ShouldBe((7, 5));

        // Team A on seen_alone: A1, A4 met, A3 not met: 2 / 3, Red.
        var teamA = root.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("team").GetString() == "Team A");
        Criterion(teamA, "seen_alone").GetProperty("compliance").GetDouble().ShouldBe(0.666667);
        teamA.GetProperty("service").GetString().ShouldBe("Safeguarding");
    }

    [Fact]
    public async Task Run_MiniAudit_ActionsHaveOwnersDueDatesAndStableIds()
    {
        // Act
        await _fixture.RunAsync(RunArgs);
        using var first = JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        var actions = first.RootElement.GetProperty("actions").EnumerateArray().ToList();

        // Assert: case actions for A3 (seen alone not met; Inadequate), due from its audit date 2026-11-04.
        var review = actions.Single(a => a.GetProperty("scope").GetString() == "case" && a.GetProperty("rule").GetString() == "mini-grading/case_actions/0");
        review.GetProperty("case_ref").GetString().ShouldBe("C-3");
        review.GetProperty("owner").GetString().ShouldBe("Tara Manager");
        review.GetProperty("escalate_to").GetString().ShouldBe("Hana Head");
        review.GetProperty("due").GetString().ShouldBe("2026-11-11");
        review.GetProperty("action").GetString().ShouldBe("Team manager to review case C-3 and re-audit it.");

        var seeAlone = actions.Single(a => a.GetProperty("scope").GetString() == "case" && a.GetProperty("criterion").GetString() == "seen_alone");
        seeAlone.GetProperty("owner").GetString().ShouldBe("practitioner");
        seeAlone.GetProperty("due").GetString().ShouldBe("2026-11-18");

        // Red team x criterion: Team A on all four, Team B on seen_alone and views_recorded. Due 20 working days after
        // 2026-11-30, past Christmas Day and the substitute Boxing Day (Monday 28 December 2026).
        var team = actions.Where(a => a.GetProperty("scope").GetString() == "team").ToList();
        team.Count.ShouldBe(6);
        team.ShouldAllBe(a => a.GetProperty("due").GetString() == "2026-12-30");
        team.Single(a => a.GetProperty("team").GetString() == "Team B" && a.GetProperty("criterion").GetString() == "views_recorded")
            .GetProperty("action").GetString().ShouldBe("Team B: discuss 'The child's views are recorded.' at the team meeting (66.7% against 80%).");

        // Both teams are Red on seen_alone and views_recorded: two service actions.
        actions.Where(a => a.GetProperty("scope").GetString() == "service").Select(a => a.GetProperty("criterion").GetString())
            .ShouldBe(["seen_alone", "views_recorded"], ignoreOrder: true);

        // Stable ids: a second run gives the same ids.
        await _fixture.RunAsync(RunArgs);
        using var second = JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        second.RootElement.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString())
            .ShouldBe(actions.Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Run_SameInputTwice_ByteIdenticalSummary()
    {
        // Act
        await _fixture.RunAsync(RunArgs);
        var first = File.ReadAllBytes(_fixture.PathOf("out", "summary.json"));
        await _fixture.RunAsync(RunArgs);
        var second = File.ReadAllBytes(_fixture.PathOf("out", "summary.json"));

        // Assert
        second.ShouldBe(first);
    }

    [Fact]
    public async Task Run_MiniAudit_ConsoleAndSummaryMatchSnapshots()
    {
        // Act
        var result = await _fixture.RunAsync(RunArgs);

        // Assert
        Snapshot.Match(result.Out, "run-mini-console");
        Snapshot.Match(_fixture.ReadText("out", "summary.json"), "run-mini-summary");
        Snapshot.Match(_fixture.ReadText("out", "rejected.csv"), "run-mini-rejected");
    }

    [Fact]
    public async Task Run_RejectedFormula_WrittenAsTextInRejectedCsv()
    {
        // Act
        await _fixture.RunAsync(RunArgs);

        // Assert: the audit id '=HYPERLINK(...)' cannot run as a formula when rejected.csv is opened in a spreadsheet.
        var lines = File.ReadAllLines(_fixture.PathOf("out", "rejected.csv"));
        lines.ShouldContain(l => l.Contains(",\"'=HYPERLINK(", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(",=HYPERLINK", StringComparison.Ordinal) || l.Contains(",\"=HYPERLINK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_InvalidTemplate_ExitsTwoWithLocatedErrors()
    {
        // Arrange
        File.WriteAllText(_fixture.PathOf("templates", "broken.yaml"), "id: broken\nversion: 1\ntitle: Broken\napplies_to: [CP]\ncriteria:\n  - id: seen\n    section: S\n    text: T\n    met_when: \"answr = 'Yes'\"\n");

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/broken.yaml", "--submissions", "audits/mini.csv", "--out", "out");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("templates/broken.yaml:9:16: error AK2010: Unknown name 'answr'. Did you mean 'answer'?");
        File.Exists(_fixture.PathOf("out", "summary.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_NothingReadable_ExitsTwo()
    {
        // Arrange
        File.WriteAllText(_fixture.PathOf("audits", "empty.csv"), string.Empty);

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/empty.csv", "--out", "out");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("No submission rows could be read");
    }

    [Fact]
    public async Task Run_MissingSubmissionsPath_ExitsTwoWithoutStackTrace()
    {
        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "nowhere.csv", "--out", "out");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("error: The submissions path 'nowhere.csv' does not exist.\n");
    }

    [Fact]
    public async Task Run_AllRowsValid_ExitsZero()
    {
        // Arrange: only the seven valid rows.
        var lines = File.ReadAllLines(_fixture.PathOf("audits", "mini.csv"));
        File.WriteAllLines(_fixture.PathOf("audits", "valid.csv"), lines.Take(8));

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/valid.csv", "--out", "out", "--as-of", "2026-11-30");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        File.ReadAllLines(_fixture.PathOf("out", "rejected.csv")).ShouldBe(["source,row,audit_id,reasons"]);
    }

    private static JsonElement Criterion(JsonElement group, string id) =>
        group.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
}
