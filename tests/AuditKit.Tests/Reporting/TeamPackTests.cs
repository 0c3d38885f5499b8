using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Templates;
using AuditKit.Tests.Cli;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Reporting;

/// <summary><c>run --per-team</c>: a pack per team that holds that team's cases and no other team's.</summary>
public sealed class TeamPackTests : IDisposable
{
    private static readonly string[] Identifying = ["case_ref", "audit_id", "practitioner", "auditor", "team"];
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task PerTeam_BundledSample_NoOtherTeamsCasesOrPeopleInAnyPack()
    {
        // Act
        var sample = RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv");
        var result = await _fixture.RunAsync("run", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--submissions", sample, "--out", "out", "--as-of", "2026-11-30", "--no-store", "--per-team");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        result.Out.ShouldContain("Team packs: 6 teams in out/teams/ (report.html and compliance.xlsx in a folder per team).");
        Directory.GetDirectories(_fixture.PathOf("out", "teams")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(
        [
            "child-protection-east", "child-protection-west", "children-in-care-1", "children-in-care-2", "duty-and-assessment-1", "permanence-and-leaving-care",
        ]);
        AssertNoLeaks(sample, _fixture.PathOf("out", "teams"));
    }

    [Fact]
    public async Task PerTeam_SyntheticManyTeams_NoOtherTeamsCasesOrPeopleInAnyPack()
    {
        // Arrange: 20 teams (Locality Team 1 to 14 among them, so that one name is the start of another) and broken rows.
        var synth = await _fixture.RunAsync("synth", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--count", "900", "--seed", "7", "--teams", "20", "--broken-rows", "15", "--out", "many.csv");
        synth.ExitCode.ShouldBe(0, synth.Error);

        // Act
        var result = await _fixture.RunAsync("run", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--submissions", "many.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store", "--per-team");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        result.Out.ShouldContain("Team packs: 20 teams in out/teams/");
        Directory.GetDirectories(_fixture.PathOf("out", "teams")).Length.ShouldBe(20);
        AssertNoLeaks(_fixture.PathOf("many.csv"), _fixture.PathOf("out", "teams"));
    }

    [Fact]
    public void ForEachTeam_BundledSample_TeamFiguresKeptAndBenchmarksHoldNoCases()
    {
        // Arrange
        var rules = BundledRules();
        var path = RepoPaths.InRepo("samples", "audits", "quality-of-practice-2026-09-to-11.csv");
        using var reader = new StreamReader(path);
        var report = AuditRunner.Run(rules, CsvSubmissionReader.Read(reader, "sample.csv"), new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default, CollectCases: true));

        // Act
        var packs = TeamScope.ForEachTeam(report).ToList();

        // Assert
        packs.Select(p => p.Scope!.Team).ShouldBe(report.Compliance.Teams.Select(t => t.Name!));
        packs.Sum(p => p.Submissions.Accepted).ShouldBe(report.Submissions.Accepted);
        packs.Sum(p => p.Cases.Length).ShouldBe(report.Cases.Length);
        packs.Sum(p => p.Actions.Cases.Count).ShouldBe(report.Actions.Cases.Count);
        foreach (var pack in packs)
        {
            var team = pack.Scope!.Team;
            var whole = report.Compliance.Teams.Single(t => t.Name == team);
            pack.Focus.ShouldBe(whole);
            pack.Compliance.Overall.Criteria.ShouldBe(report.Compliance.Overall.Criteria);
            pack.Compliance.Overall.Agreement.Disagreements.ShouldBeEmpty();
            pack.Compliance.Overall.Agreement.Compared.ShouldBe(report.Compliance.Overall.Agreement.Compared);
            pack.Compliance.Services.Single().Name.ShouldBe(whole.Service);
            pack.Compliance.Services.Single().Agreement.Disagreements.ShouldBeEmpty();

            // The team's months, worked out again from its cases, add up to the team.
            pack.Compliance.Periods.Sum(p => p.Audits).ShouldBe(whole.Audits);
            for (var i = 0; i < whole.Criteria.Length; i++)
            {
                pack.Compliance.Periods.Sum(p => p.Criteria[i].Counts.Met).ShouldBe(whole.Criteria[i].Counts.Met);
            }

            pack.Cases.ShouldAllBe(c => c.Team == team);
            pack.Rejected.ShouldAllBe(r => r.Team == team);
            pack.Actions.ToFollowUpActions().ShouldAllBe(a => a.Team == team || a.Scope == ActionScope.Service);
            pack.DataQuality.Fields[0].Total.ShouldBe(pack.Submissions.Read);
            pack.SourceDiagnostics.ShouldBeEmpty();
            pack.Submissions.Read.ShouldBe(pack.Submissions.Accepted + pack.Submissions.Rejected);
        }

        // The sample's five broken rows: those that name a team are in that team's pack.
        packs.Sum(p => p.Rejected.Length).ShouldBe(report.Rejected.Count(r => r.Team is not null));
        report.Rejected.Count(r => r.Team is not null).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task PerTeam_StalePackOfAnEarlierRun_RemovedAndOtherFilesKept()
    {
        // Arrange: an earlier run's pack of a team not in this run, and a folder someone keeps notes in.
        var stale = Directory.CreateDirectory(_fixture.PathOf("out", "teams", "old-team")).FullName;
        File.WriteAllText(Path.Combine(stale, "report.html"), "old");
        var notes = Directory.CreateDirectory(_fixture.PathOf("out", "teams", "notes")).FullName;
        File.WriteAllText(Path.Combine(notes, "minutes.txt"), "keep");

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store", "--per-team", "--outputs", "html");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        Directory.Exists(stale).ShouldBeFalse();
        File.Exists(Path.Combine(notes, "minutes.txt")).ShouldBeTrue();
        File.Exists(_fixture.PathOf("out", "teams", "team-a", "report.html")).ShouldBeTrue();
        File.Exists(_fixture.PathOf("out", "teams", "team-b", "report.html")).ShouldBeTrue();
        File.Exists(_fixture.PathOf("out", "teams", "team-a", "compliance.xlsx")).ShouldBeFalse();
        result.Out.ShouldContain("Team packs: 2 teams in out/teams/ (report.html in a folder per team).");
        var html = File.ReadAllText(_fixture.PathOf("out", "teams", "team-a", "report.html"));
        html.ShouldContain("<h1>Mini audit for end-to-end tests: Team A</h1>");
        html.ShouldContain("All teams (benchmark)</th>");
        html.ShouldContain("Safeguarding (benchmark)");
        html.ShouldContain(">Team A</th>");
        html.Contains("Team B", StringComparison.Ordinal).ShouldBeFalse();
    }

    [Fact]
    public async Task PerTeam_NoReportAsked_ExitsTwoAndWritesNothing()
    {
        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--no-store", "--per-team", "--outputs", "json");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--per-team writes each team's report.html and compliance.xlsx, but --outputs 'json' asks for neither; add html or xlsx to --outputs.");
        Directory.Exists(_fixture.PathOf("out")).ShouldBeFalse();
    }

    [Fact]
    public async Task PerTeam_Workbook_BenchmarksHeadedAndTeamsOwnFigures()
    {
        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store", "--per-team");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        var xml = PackText(_fixture.PathOf("out", "teams", "team-b", "compliance.xlsx"));
        xml.ShouldContain("All teams (benchmark)");
        xml.ShouldContain("Children in Care (benchmark)");
        xml.ShouldContain("For Team B: this team's audits");
        xml.ShouldContain("C-5");
        xml.ShouldNotContain("C-1<");
        xml.ShouldNotContain("Pat Worker");
        xml.Contains("Team A", StringComparison.Ordinal).ShouldBeFalse();
    }

    /// <summary>
    /// For each team: no case reference, audit id, practitioner, auditor or team name of another team's rows appears in its
    /// report.html text or in the XML inside its compliance.xlsx (values that the team's own rows hold too are its own).
    /// </summary>
    private static void AssertNoLeaks(string submissions, string teamsFolder)
    {
        var rows = ReadRows(submissions);
        var teams = rows.Select(r => r["team"]).Where(t => t is not null).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var folders = SafeNames.For(teams);
        var checkedTeams = 0;
        foreach (var team in teams)
        {
            var folder = Path.Combine(teamsFolder, folders[team]);
            if (!Directory.Exists(folder))
            {
                // A team named only on rejected rows has no figures, so no pack.
                continue;
            }

            var own = rows.Where(r => r["team"]?.Trim() == team).ToList();
            var ownValues = own.SelectMany(r => Identifying.Select(k => r[k]?.Trim())).Where(v => !string.IsNullOrEmpty(v)).ToHashSet(StringComparer.Ordinal);
            var html = WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(folder, "report.html")));
            var xlsx = PackText(Path.Combine(folder, "compliance.xlsx"));

            // The pack is the team's: its name in both, its cases in the workbook (so that the search below can find one).
            html.ShouldContain(team);
            xlsx.ShouldContain(team);
            own.Count(r => r["case_ref"] is { } caseRef && xlsx.Contains(caseRef.Trim(), StringComparison.Ordinal)).ShouldBeGreaterThan(own.Count / 2);

            var others = rows.Where(r => r["team"]?.Trim() != team)
                .SelectMany(r => Identifying.Select(k => (Key: k, Value: r[k]?.Trim())))
                .Where(v => !string.IsNullOrEmpty(v.Value) && !ownValues.Contains(v.Value!))
                .Distinct()
                .ToList();
            others.ShouldNotBeEmpty();
            foreach (var (key, value) in others)
            {
                var pattern = new Regex($@"(?<![\w-]){Regex.Escape(value!)}(?![\w-])");
                pattern.IsMatch(html).ShouldBeFalse($"{team}'s report.html holds another team's {key}.");
                pattern.IsMatch(xlsx).ShouldBeFalse($"{team}'s compliance.xlsx holds another team's {key}.");
            }

            checkedTeams++;
        }

        checkedTeams.ShouldBeGreaterThan(1);
    }

    /// <summary>Every XML part of a workbook, entities decoded, one after another.</summary>
    private static string PackText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(WebUtility.HtmlDecode(reader.ReadToEnd())).Append('\n');
        }

        return text.ToString();
    }

    private static List<Dictionary<string, string?>> ReadRows(string path)
    {
        using var reader = new StreamReader(path);
        return [.. CsvSubmissionReader.Read(reader, Path.GetFileName(path)).Select(record =>
        {
            var row = Identifying.ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
            for (var i = 0; i < record.Header.Count && i < record.Cells.Length; i++)
            {
                if (row.ContainsKey(record.Header[i]))
                {
                    row[record.Header[i]] = record.Cells[i];
                }
            }

            return row;
        })];
    }

    private static CompiledRuleSet BundledRules()
    {
        var template = TemplateLoader.Load(RepoPaths.InRepo("templates", "quality-of-practice.yaml"), []).Value!;
        return RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default).Value!;
    }
}
