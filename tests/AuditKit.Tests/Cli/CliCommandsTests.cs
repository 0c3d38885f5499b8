using System.Globalization;
using AuditKit.Tests.Support;
using OfficeOpenXml;

namespace AuditKit.Tests.Cli;

/// <summary><c>check</c>, <c>validate</c> and <c>form</c> end to end, and XLSX submissions giving the same figures as CSV.</summary>
public sealed class CliCommandsTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Check_MiniAudits_ListsWhatToFixRowByRow()
    {
        // Act
        var result = await _fixture.RunAsync("check", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv");

        // Assert
        result.ExitCode.ShouldBe(3);
        Snapshot.Match(result.Out, "check-mini");
        Directory.Exists(_fixture.PathOf("out")).ShouldBeFalse();
    }

    [Fact]
    public async Task Check_UnknownColumn_WarnsWithHint()
    {
        // Arrange: a misspelt criterion column would otherwise read as blank.
        var text = _fixture.ReadText("audits", "mini.csv").Replace("views_recorded", "views_recordd", StringComparison.Ordinal);
        File.WriteAllText(_fixture.PathOf("audits", "typo.csv"), text);

        // Act
        var result = await _fixture.RunAsync("check", "--template", "templates/mini-audit.yaml", "--submissions", "audits/typo.csv");

        // Assert
        result.Out.ShouldContain("'views_recordd'");
        result.Out.ShouldContain("Did you mean 'views_recorded'?");
    }

    [Fact]
    public async Task Check_LinkToMissingFile_SaysTheFileIsNotThere()
    {
        // Arrange: a folder with good audits and a link whose file has gone (moved or deleted).
        Directory.CreateDirectory(_fixture.PathOf("batch"));
        File.Copy(_fixture.PathOf("audits", "mini.csv"), _fixture.PathOf("batch", "mini.csv"));
        File.CreateSymbolicLink(_fixture.PathOf("batch", "gone.csv"), _fixture.PathOf("nowhere", "gone.csv"));

        // Act
        var result = await _fixture.RunAsync("check", "--template", "templates/mini-audit.yaml", "--submissions", "batch");

        // Assert: named, with the cause and what to do; the good file is still checked.
        (result.Out + result.Error).ShouldContain("gone.csv");
        (result.Out + result.Error).ShouldContain("The file is not there any more");
        (result.Out + result.Error).ShouldNotContain("Close it");
        result.ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task Explain_ChosenAudits_EachCriterionWithItsReason()
    {
        // Act: A2 (seen alone not applicable at age 2), A3 (critical not met; visit date blank) and B4 (rejected).
        var result = await _fixture.RunAsync("explain", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--audit-id", "A2", "A3", "B4");

        // Assert
        result.ExitCode.ShouldBe(3);
        result.Out.ShouldContain("-> missing (blank: last_visit_date)");
        Snapshot.Match(result.Out, "explain-mini");
    }

    [Fact]
    public async Task Explain_AuditWithComments_ShowsEachCommentUnderItsCriterionEscaped()
    {
        // Arrange: comments on two criteria, one over two lines, one holding an escape sequence.
        File.WriteAllText(_fixture.PathOf("audits", "commented.csv"),
            "audit_id,audit_date,auditor,case_ref,case_type,team,seen_alone,seen_alone_comment,views_recorded,plan_smart,plan_smart_comment,child_age,last_visit_date\n"
            + "C1,2026-11-02,Ann Auditor,C-1,CP,Team A,No,\"Not seen alone:\nmother present at both visits\",Yes,Partly,Targets have no dates \u001B[31m,7,2026-10-26\n");

        // Act
        var result = await _fixture.RunAsync("explain", "--template", "templates/mini-audit.yaml", "--submissions", "audits/commented.csv");

        // Assert
        result.ExitCode.ShouldBe(0, result.Error);
        // (The test runner shows every backslash as '/', so the escaped \u001B reads /u001B here.)
        result.Out.ShouldContain("Auditor's comments:\n  seen_alone: Not seen alone:\n    mother present at both visits\n  plan_smart: Targets have no dates /u001B[31m\n");
        result.Out.IndexOf("Auditor's comments:", StringComparison.Ordinal).ShouldBeLessThan(result.Out.IndexOf("Score ", StringComparison.Ordinal));
        result.Out.ShouldNotContain("\u001B");
    }

    [Fact]
    public async Task Explain_UnknownAuditId_ExitsTwo()
    {
        // Act
        var result = await _fixture.RunAsync("explain", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--audit-id", "NOPE");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("error: No audit with id 'NOPE' in the files given.\n");
    }

    [Fact]
    public async Task Validate_BundledTemplatesAndRules_AllValid()
    {
        // Act
        var result = await CliRunner.RunAsync(RepoPaths.Root, "validate", "templates", "rules");

        // Assert
        result.ExitCode.ShouldBe(0, result.Out);
        result.Out.ShouldBe("5 template(s) and 2 rule set(s) are valid.\n");
    }

    [Fact]
    public async Task Validate_BrokenTemplate_EveryProblemWithLineAndColumn()
    {
        // Arrange
        File.WriteAllText(_fixture.PathOf("templates", "typos.yaml"), """
            id: typos
            version: 1
            title: Typos
            applies_to: [CP]
            rules: [mini-grading]
            facts:
              - id: child_age
                type: number
            criteria:
              - id: seen_alone
                section: Voice of the child
                text: Seen alone.
                critcal: true
                applies_when: "chld_age >= 4"
                action:
                  text: See the child alone.
                  owner: practicioner
                  due_in_working_days: 10
            """);

        // Act
        var result = await _fixture.RunAsync("validate", "templates");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBe(
            "templates/typos.yaml:13:5: error AK1003: Unknown key 'critcal'. Did you mean 'critical'?\n" +
            "templates/typos.yaml:14:20: error AK2010: Unknown name 'chld_age'. Did you mean 'child_age'?\n" +
            "templates/typos.yaml:17:14: error AK1013: Unknown role 'practicioner' in 'owner'. Did you mean 'practitioner'?\n" +
            "3 error(s) in 1 file(s); 2 template(s) and 0 rule set(s) checked.\n");
    }

    [Fact]
    public async Task Run_SameAuditsAsXlsx_GivesSameSummaryAsCsv()
    {
        // Arrange: the first eight audits (one of them rejected) as CSV, and as a real workbook with dates as date
        // cells and numbers as numbers.
        Directory.CreateDirectory(_fixture.PathOf("csv"));
        File.WriteAllLines(_fixture.PathOf("csv", "mini.csv"), File.ReadAllLines(_fixture.PathOf("audits", "mini.csv")).Take(9));
        WriteAsWorkbook(_fixture.PathOf("csv", "mini.csv"), _fixture.PathOf("xlsx", "mini.xlsx"));

        // Act
        var fromCsv = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "csv/mini.csv", "--out", "out-csv", "--as-of", "2026-11-30", "--outputs", "json");
        var fromXlsx = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "xlsx/mini.xlsx", "--out", "out-xlsx", "--as-of", "2026-11-30", "--outputs", "json");

        // Assert: identical but for the file named in the rejected rows.
        fromXlsx.ExitCode.ShouldBe(fromCsv.ExitCode);
        var csvSummary = _fixture.ReadText("out-csv", "summary.json").Replace("csv/mini.csv", "FILE", StringComparison.Ordinal);
        var xlsxSummary = _fixture.ReadText("out-xlsx", "summary.json").Replace("xlsx/mini.xlsx", "FILE", StringComparison.Ordinal);
        xlsxSummary.ShouldBe(csvSummary);
    }

    [Fact]
    public async Task Form_FilledInByProgram_RunGivesTheRightNumbers()
    {
        // Arrange: a form for the caseload, filled in as a manager would (dates as real dates), saved.
        File.WriteAllText(_fixture.PathOf("caseload.csv"), "case_ref,case_type,team,service,practitioner,child_age\nC-1,CP,Team A,Safeguarding,Pat Worker,7\nC-2,CIN,Team A,Safeguarding,Pat Worker,2\nC-3,LAC,Team B,Children in Care,Kim Worker,12\n");
        var form = await _fixture.RunAsync("form", "--template", "templates/mini-audit.yaml", "--cases", "caseload.csv", "--out", "forms/nov.xlsx");
        form.ExitCode.ShouldBe(0, form.Error);
        FillForm(_fixture.PathOf("forms", "nov.xlsx"), new Dictionary<string, object?[]>
        {
            // C-1: all met; C-2: seen alone not applicable (age 2), views No; C-3: seen alone No (critical), plan Partly.
            ["audit_id"] = ["N1", "N2", "N3"],
            ["audit_date"] = [new DateTime(2026, 11, 2), new DateTime(2026, 11, 3), new DateTime(2026, 11, 4)],
            ["auditor"] = ["Ann Auditor", "Ann Auditor", "Bo Auditor"],
            ["seen_alone"] = ["Yes", null, "No"],
            ["views_recorded"] = ["Yes", "No", "Yes"],
            ["plan_smart"] = ["Yes", "Yes", "Partly"],
            ["last_visit_date"] = [new DateTime(2026, 10, 30), new DateTime(2026, 10, 1), new DateTime(2026, 11, 3)],
        });

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "forms/nov.xlsx", "--out", "out", "--as-of", "2026-11-30", "--outputs", "json");

        // Assert
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        using var summary = System.Text.Json.JsonDocument.Parse(_fixture.ReadText("out", "summary.json"));
        var overall = summary.RootElement.GetProperty("overall");
        overall.GetProperty("audits").GetInt32().ShouldBe(3);
        var criteria = overall.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);

        // seen_alone: met 1, not met 1, n/a 1: 0.5. views: 2 of 3. plan: (2 + 0.5) / 3. visit: C-2 visited 23 working days before: 2 of 3.
        criteria["seen_alone"].GetProperty("compliance").GetDouble().ShouldBe(0.5);
        criteria["seen_alone"].GetProperty("not_applicable").GetInt32().ShouldBe(1);
        criteria["views_recorded"].GetProperty("compliance").GetDouble().ShouldBe(0.666667);
        criteria["plan_smart"].GetProperty("compliance").GetDouble().ShouldBe(0.833333);
        criteria["visit_in_time"].GetProperty("compliance").GetDouble().ShouldBe(0.666667);
        overall.GetProperty("grades").GetProperty("Inadequate").GetInt32().ShouldBe(1);
    }

    private static void WriteAsWorkbook(string csvPath, string xlsxPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(xlsxPath)!);
        var rows = File.ReadAllLines(csvPath).Select(l => l.Split(',')).ToList();
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("Audits");
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var text = rows[r][c];
                var cell = sheet.Cells[r + 1, c + 1];
                if (r > 0 && (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || DateTime.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)))
                {
                    cell.Value = date;
                    cell.Style.Numberformat.Format = "dd/mm/yyyy";
                }
                else if (r > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    cell.Value = number;
                }
                else if (text.Length > 0)
                {
                    cell.Value = text;
                }
            }
        }

        package.SaveAs(new FileInfo(xlsxPath));
    }

    private static void FillForm(string path, Dictionary<string, object?[]> columns)
    {
        using var package = new ExcelPackage(new FileInfo(path));
        var sheet = package.Workbook.Worksheets[0];
        var header = Enumerable.Range(1, 10).First(r => Enumerable.Range(1, sheet.Dimension.End.Column).Any(c => sheet.Cells[r, c].Text == "audit_id"));
        var index = Enumerable.Range(1, sheet.Dimension.End.Column).Where(c => sheet.Cells[header, c].Text.Length > 0).ToDictionary(c => sheet.Cells[header, c].Text, c => c);
        foreach (var (name, values) in columns)
        {
            for (var i = 0; i < values.Length; i++)
            {
                sheet.Cells[header + 1 + i, index[name]].Value = values[i];
            }
        }

        package.Save();
    }
}
