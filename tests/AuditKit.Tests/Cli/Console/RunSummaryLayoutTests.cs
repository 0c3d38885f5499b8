using System.Globalization;
using System.Text.Json;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Console;

/// <summary>The console summary of the bundled sample (145 audits, 6 teams, 610 actions) at the widths people use.</summary>
public sealed class RunSummaryLayoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("auditkit-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(160)]
    public async Task Run_BundledSample_FitsTheWidthWithNothingCut(int width)
    {
        var result = await RunSample("--width", width.ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(3, result.Error);
        var lines = result.Out.Split('\n');
        lines.ShouldAllBe(l => ConsoleCells.Width(l) <= width);

        // Nothing is cut: no ellipsis, every team's full name and every criterion id is there.
        result.Out.ShouldNotContain("…");
        foreach (var team in new[] { "Child Protection East", "Child Protection West", "Children in Care 1", "Children in Care 2", "Duty and Assessment 1", "Permanence and Leaving Care" })
        {
            lines.ShouldContain(l => l.Contains(team, StringComparison.Ordinal), team);
        }

        lines.ShouldContain(l => l.Contains("statutory_visits_in_timescale", StringComparison.Ordinal));

        // The actions are summarised: counts, owners, and five listed, not 610.
        var words = string.Join(' ', result.Out.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        words.ShouldContain("Follow-up actions: 610 (520 case, 75 team, 15 service): 183 not yet due, 427 raised late.");
        lines.Count(l => l.Length > 3 && char.IsAsciiDigit(l[0]) && l[1..].StartsWith(". Due ", StringComparison.Ordinal)).ShouldBe(5);
        words.ShouldContain("raised late, 90 days after the audit");
        Snapshot.Match(result.Out, $"sample-console-{width}");
    }

    [Fact]
    public async Task Run_BundledSampleAt80_GivesEachCriterionItsOwnLinesAndGradesInScaleOrder()
    {
        var result = await RunSample("--width", "80");

        var lines = result.Out.Split('\n');
        lines.ShouldContain(l => l.Contains("child_seen_alone *, target 90%", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("│   Permanence and Leaving Care", StringComparison.Ordinal) && l.Contains("73.1% Red", StringComparison.Ordinal));
        var grades = lines.First(l => l.StartsWith("  Audits: 16;", StringComparison.Ordinal));
        grades.IndexOf("Outstanding", StringComparison.Ordinal).ShouldBeLessThan(grades.IndexOf("Good", StringComparison.Ordinal));
        grades.IndexOf("Good", StringComparison.Ordinal).ShouldBeLessThan(grades.IndexOf("Requires improvement", StringComparison.Ordinal));
        grades.IndexOf("Requires improvement", StringComparison.Ordinal).ShouldBeLessThan(grades.IndexOf("Inadequate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FormatCsv_OneLinePerCriterionAndTeamWithTheSameFiguresAsSummaryJson()
    {
        var result = await RunSample("--format", "csv");

        result.ExitCode.ShouldBe(3, result.Error);
        var rows = result.Out.TrimEnd('\n').Split('\n');
        rows[0].ShouldBe("criterion,critical,target,team,service,compliance,percent,rag,n");
        rows.Length.ShouldBe(1 + (18 * 7));
        rows[1].ShouldBe("child_seen_alone,true,0.9,All teams,,0.822581,82.3%,Amber,93");
        rows.ShouldContain("home_environment_considered,false,0.9,All teams,,0.796552,79.7%,Red,145");

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "summary.json")));
        var overall = summary.RootElement.GetProperty("overall").GetProperty("criteria").EnumerateArray().First();
        overall.GetProperty("compliance").GetDouble().ShouldBe(0.822581);
        result.Error.ShouldNotContain("Outputs written");
    }

    [Fact]
    public void Csv_TeamNameLikeAFormula_IsWrittenAsText()
    {
        var csv = RunSummaryDocument.Csv(AuditKit.Tests.Excel.ExcelSamples.Report());

        var rows = csv.TrimEnd('\n').Split('\n');
        var formulaRows = rows.Where(r => r.Contains("HYPERLINK", StringComparison.Ordinal)).ToList();
        formulaRows.Count.ShouldBe(4);
        formulaRows.ShouldAllBe(r => r.Contains(",\"'=HYPERLINK(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FormatJson_IsOneDocumentWithGradesInScaleOrder()
    {
        var result = await RunSample("--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("as_of").GetString().ShouldBe("2026-11-30");
        root.GetProperty("compliance").GetArrayLength().ShouldBe(18);
        var seenAlone = root.GetProperty("compliance")[0];
        seenAlone.GetProperty("criterion").GetString().ShouldBe("child_seen_alone");
        seenAlone.GetProperty("teams")[0].GetProperty("team").ValueKind.ShouldBe(JsonValueKind.Null);
        seenAlone.GetProperty("teams")[0].GetProperty("percent").GetString().ShouldBe("82.3%");
        root.GetProperty("grades").GetProperty("scale").EnumerateArray().Select(g => g.GetString()).ShouldBe(["Outstanding", "Good", "Requires improvement", "Inadequate"]);
        var actions = root.GetProperty("actions");
        (actions.GetProperty("total").GetInt32(), actions.GetProperty("raised_late").GetInt32(), actions.GetProperty("not_yet_due").GetInt32()).ShouldBe((610, 427, 183));
        actions.GetProperty("most_urgent").GetArrayLength().ShouldBe(5);
        actions.GetProperty("most_urgent")[0].GetProperty("progress").GetString().ShouldBe("raised_late");
        root.GetProperty("rejected").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task Run_FormatJsonWithStore_TheStoresLineGoesToStandardError()
    {
        var result = await CliRunner.RunAsync(
            _folder,
            "run", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--submissions", RepoPaths.InRepo("samples", "audits"),
            "--out", "out", "--as-of", "2026-11-30", "--outputs", "json", "--format", "json", "--db", "store.db");

        JsonDocument.Parse(result.Out).RootElement.GetProperty("submissions").GetProperty("accepted").GetInt32().ShouldBe(145);
        result.Error.ShouldContain("Store store.db: 145 audits");
    }

    [Theory]
    [InlineData("--format", "xml", "--format 'xml' is not a format; choose text, json, csv.")]
    [InlineData("--width", "20", "--width 20 is not a console width; give a number from 40 to 1000.")]
    public async Task Run_BadFormatOrWidth_IsAUsageError(string option, string value, string message)
    {
        var result = await RunSample(option, value);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
        File.Exists(Path.Combine(_folder, "out", "summary.json")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("100", 130, 100)]
    [InlineData(" 90 ", null, 90)]
    [InlineData("20", 130, 130)]
    [InlineData("wide", 130, 130)]
    [InlineData(null, 130, 130)]
    [InlineData(null, 12, 40)]
    [InlineData(null, 5000, 1000)]
    [InlineData(null, null, 160)]
    [InlineData("", 0, 160)]
    public void ConsoleWidthFrom_ColumnsThenTerminalThenDefault(string? columns, int? window, int expected)
    {
        CliEnvironment.ConsoleWidthFrom(columns, window).ShouldBe(expected);
    }

    /// <summary>
    /// Runs the bundled sample from a copy in the test's folder, named by a relative path: rejected rows name their file,
    /// so the layout must not depend on where the repository was cloned.
    /// </summary>
    private Task<CliResult> RunSample(params string[] extra)
    {
        var samples = Path.Combine(_folder, "samples", "audits");
        Directory.CreateDirectory(samples);
        foreach (var file in Directory.GetFiles(RepoPaths.InRepo("samples", "audits")))
        {
            File.Copy(file, Path.Combine(samples, Path.GetFileName(file)), overwrite: true);
        }

        return CliRunner.RunAsync(
            _folder,
            [
                "run", "--template", RepoPaths.InRepo("templates", "quality-of-practice.yaml"), "--submissions", Path.Combine("samples", "audits"),
                "--out", "out", "--as-of", "2026-11-30", "--no-store", "--outputs", "xlsx", .. extra,
            ]);
    }
}
