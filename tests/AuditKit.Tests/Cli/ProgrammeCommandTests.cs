using System.Text.Json;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli;

public sealed class ProgrammeCommandTests : IDisposable
{
    private const string Programme = """
        id: mini-programme
        title: Mini programme
        rounds:
          - id: monthly
            title: Monthly audits
            template: mini-audit
            period: monthly
            start: 2026-10-01
            auditors:
              names: [Ann Auditor, Bo Auditor]
            quota:
              per_auditor: 3
              per_team: 2
              service: 10
          - id: sampled
            template: mini-audit
            period: monthly
            start: 2026-11-01
            sampled: true

        """;

    private readonly CliFixture _fixture = new();

    public ProgrammeCommandTests() => File.WriteAllText(_fixture.PathOf("programme.yaml"), Programme.Replace("\r\n", "\n", StringComparison.Ordinal));

    public void Dispose() => _fixture.Dispose();

    private async Task RecordAudits()
    {
        var run = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "out", "--as-of", "2026-11-30", "--outputs", "json", "--db", "store.db");
        run.ExitCode.ShouldBe(3, run.Error);
    }

    [Fact]
    public async Task Status_Table_PerRoundAuditorAndTeam()
    {
        await RecordAudits();
        File.WriteAllText(_fixture.PathOf("caseload.csv"), "case_ref,case_type,team\nC-1,CP,Team A\nC-2,CIN,Team A\nC-20,CP,Team A\nC-5,CP,Team B\n");
        var sample = await _fixture.RunAsync("sample", "--cases", "caseload.csv", "--out", "sample.csv", "--per-team", "1", "--seed", "3", "--template", "mini-audit", "--as-of", "2026-11-10", "--db", "store.db");
        sample.ExitCode.ShouldBe(0, sample.Error);

        var result = await _fixture.RunAsync("programme", "status", "--programme", "programme.yaml", "--as-of", "2026-11-30", "--db", "store.db", "--cases", "caseload.csv");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        Snapshot.Match(result.Out, "programme-status");
    }

    [Fact]
    public async Task Status_Json_FiguresFromTheStore()
    {
        await RecordAudits();

        var result = await _fixture.RunAsync("programme", "status", "--programme", "programme.yaml", "--as-of", "2026-12-01", "--db", "store.db", "--format", "json", "--period", "2026-11");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("period").GetString().ShouldBe("2026-11");
        var monthly = root.GetProperty("rounds")[0];
        var november = monthly.GetProperty("periods").EnumerateArray().ShouldHaveSingleItem();
        november.GetProperty("period").GetString().ShouldBe("2026-11");
        november.GetProperty("ended").GetBoolean().ShouldBeTrue();
        var auditors = november.GetProperty("auditors").EnumerateArray().ToDictionary(a => a.GetProperty("auditor").GetString()!, a => a);
        auditors.Keys.ShouldBe(["Ann Auditor", "Bo Auditor"]);
        auditors["Ann Auditor"].GetProperty("audits").GetInt32().ShouldBe(4);
        auditors["Ann Auditor"].GetProperty("done").GetInt32().ShouldBe(3);
        auditors["Bo Auditor"].GetProperty("audits").GetInt32().ShouldBe(3);
        auditors["Bo Auditor"].GetProperty("missed").GetInt32().ShouldBe(0);
        var service = november.GetProperty("service");
        service.GetProperty("expected").GetInt32().ShouldBe(10);
        service.GetProperty("done").GetInt32().ShouldBe(7);
        service.GetProperty("not_done").GetInt32().ShouldBe(3);
        service.GetProperty("missed").GetInt32().ShouldBe(3);
        root.TryGetProperty("coverage", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Status_BundledSampleWithModerationAudits_SameAsWithoutThem()
    {
        // The bundled programme counts every audit of the service towards its quota: the 15 moderation audits would show.
        var template = RepoPaths.InRepo("templates", "quality-of-practice.yaml");
        var first = await _fixture.RunAsync("run", "--template", template, "--submissions", RepoPaths.InRepo("samples", "audits"), "--out", "a", "--as-of", "2026-11-30", "--outputs", "json", "--db", "first.db");
        var both = await _fixture.RunAsync(
            "run", "--template", template, "--submissions", RepoPaths.InRepo("samples", "audits"), RepoPaths.InRepo("samples", "moderation"),
            "--out", "b", "--as-of", "2026-11-30", "--outputs", "json", "--db", "both.db");
        string[] status = ["programme", "status", "--programme", RepoPaths.InRepo("samples", "programme.yaml"), "--as-of", "2026-11-30", "--format", "json"];

        var withoutModeration = await _fixture.RunAsync([.. status, "--db", "first.db"]);
        var withModeration = await _fixture.RunAsync([.. status, "--db", "both.db"]);

        first.ExitCode.ShouldBe(3, first.Error);
        both.ExitCode.ShouldBe(3, both.Error);
        both.Out.ShouldContain("moderation");
        withModeration.ExitCode.ShouldBe(0, withModeration.Error);
        withModeration.Out.ShouldBe(withoutModeration.Out);
    }

    [Fact]
    public async Task Status_InvalidProgramme_Exit2WithEveryDiagnostic()
    {
        File.WriteAllText(_fixture.PathOf("programme.yaml"), "id: p\nrounds:\n  - id: r\n    template: mini-audit\n    period: weekly\n    start: 2026-11-01\n    quota: {service: 2}\n");

        var result = await _fixture.RunAsync("programme", "status", "--programme", "programme.yaml", "--db", "store.db");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("programme.yaml:5:13: error AK6002: Unknown period 'weekly'. Allowed: monthly, fortnightly, window.\n");
    }

    [Fact]
    public async Task Status_BadPeriodOrNoStore_Exit2WithTheFix()
    {
        var period = await _fixture.RunAsync("programme", "status", "--programme", "programme.yaml", "--period", "2026-Q4");
        var store = await _fixture.RunAsync("programme", "status", "--programme", "programme.yaml", "--db", "none.db");

        period.ExitCode.ShouldBe(2);
        period.Error.ShouldBe("error: --period '2026-Q4' is not a month; write it as YYYY-MM, for example --period 2026-11.\n");
        store.ExitCode.ShouldBe(2);
        store.Error.ShouldBe("error AK5006: There is no store at 'none.db'. Record audits into it first with 'auditkit run', or give --db or --connection.\n");
    }

    [Fact]
    public async Task Report_WithProgramme_SummaryWorkbookAndPageGainTheProgramme()
    {
        await RecordAudits();

        var result = await _fixture.RunAsync("report", "--template", "templates/mini-audit.yaml", "--period", "2026-11", "--out", "report", "--as-of", "2026-11-30", "--db", "store.db", "--programme", "programme.yaml");

        result.ExitCode.ShouldBe(0, result.Error);
        using (var json = JsonDocument.Parse(_fixture.ReadText("report", "summary.json")))
        {
            var programme = json.RootElement.GetProperty("programme");
            programme.GetProperty("period").GetString().ShouldBe("2026-11");
            var monthly = programme.GetProperty("rounds")[0].GetProperty("periods").EnumerateArray().ShouldHaveSingleItem();
            monthly.GetProperty("service").GetProperty("done").GetInt32().ShouldBe(7);
        }

        using (var package = new OfficeOpenXml.ExcelPackage(new FileInfo(_fixture.PathOf("report", "compliance.xlsx"))))
        {
            var sheet = package.Workbook.Worksheets["Programme"].ShouldNotBeNull();
            sheet.Cells[1, 5].Text.ShouldBe("Who");
            sheet.Cells[2, 1].Text.ShouldBe("Monthly audits");
            sheet.Cells[2, 3].Text.ShouldBe("2026-11");
            sheet.Cells[2, 5].Text.ShouldBe("All teams");
            sheet.Cells[2, 8].Text.ShouldBe("7");
        }

        var html = _fixture.ReadText("report", "report.html");
        html.ShouldContain("<li><a href=\"#programme\">Audit programme</a></li>");
        html.ShouldContain("<tr><td>2026-11 (current)</td><th scope=\"row\">Auditor: Ann Auditor</th><td class=\"num\">3</td><td class=\"num\">4</td><td class=\"num\">3</td>");
    }

    [Fact]
    public async Task Report_WithoutProgramme_HasNoProgrammePart()
    {
        await RecordAudits();

        var result = await _fixture.RunAsync("report", "--template", "templates/mini-audit.yaml", "--period", "2026-11", "--out", "report", "--as-of", "2026-11-30", "--db", "store.db");

        result.ExitCode.ShouldBe(0, result.Error);
        _fixture.ReadText("report", "summary.json").ShouldNotContain("\"programme\"");
        _fixture.ReadText("report", "report.html").ShouldNotContain("id=\"programme\"");
    }

    [Fact]
    public async Task Validate_Programme_CheckedBesideTemplates()
    {
        var result = await _fixture.RunAsync("validate", "programme.yaml", "templates/mini-audit.yaml");

        result.ExitCode.ShouldBe(0, result.Out);
        result.Out.ShouldBe("1 template(s), 0 rule set(s) and 1 programme(s) are valid.\n");
    }
}
