using AuditKit.Store;
using AuditKit.Tests.Support;
using OfficeOpenXml;

namespace AuditKit.Tests.Cli;

public sealed class SampleCommandTests : IDisposable
{
    private const string Caseload = """
        case_ref,case_type,team,service,practitioner
        C-1,CP,Team A,Safeguarding,Pat Worker
        C-2,CIN,Team A,Safeguarding,Pat Worker
        C-3,LAC,Team A,Safeguarding,=Pat Worker
        C-4,CP,Team A,Safeguarding,Pat Worker
        C-10,CP,Team A,Safeguarding,Pat Worker
        C-11,CIN,Team A,Safeguarding,Pat Worker
        C-5,CP,Team B,Children in Care,Kim Worker
        C-6,CIN,Team B,Children in Care,Kim Worker
        C-7,LAC,Team B,Children in Care,Kim Worker
        C-8,LAC,Team B,Children in Care,Kim Worker
        C-12,LAC,team b,Children in Care,Kim Worker
        C-13,LAC,Team B,Children in Care,Kim Worker
        C-13,LAC,Team B,Children in Care,Kim Worker
        C-14,CP,,Children in Care,Kim Worker

        """;

    private const string Auditors = "auditor,team\nAnn Auditor,Team A\nBo Auditor,Team B\nCy Auditor,\n";

    private readonly CliFixture _fixture = new();

    public SampleCommandTests()
    {
        File.WriteAllText(_fixture.PathOf("caseload.csv"), Caseload.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.WriteAllText(_fixture.PathOf("auditors.csv"), Auditors);
    }

    public void Dispose() => _fixture.Dispose();

    private Task<CliResult> Sample(params string[] more) =>
        _fixture.RunAsync(["sample", "--cases", "caseload.csv", "--out", "sample.csv", "--as-of", "2026-11-30", "--db", "store.db", .. more]);

    [Fact]
    public async Task Sample_PerTeamWithAuditorsAndForm_WritesTheSampleTheFormAndTheStore()
    {
        // Arrange: November's audits in the store: C-1 to C-7 were audited (the row of C-8 is rejected).
        var run = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "out", "--as-of", "2026-11-30", "--outputs", "json", "--db", "store.db");
        run.ExitCode.ShouldBe(3, run.Error);

        // Act
        var result = await Sample("--per-team", "2", "--seed", "5", "--exclude-audited-within", "12m", "--template", "templates/mini-audit.yaml",
            "--reserve", "1", "--auditors", "auditors.csv", "--form", "forms/sample.xlsx");

        // Assert: the console, the CSV (one row per drawn case, auditors from other teams), the form and the store.
        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBe("caseload.csv row 15: warning AK6102: 'team' is blank, so this case cannot be drawn; it is left out of the sample. Fill it in the extract to include it.\n");
        Snapshot.Match(result.Out, "sample-per-team");
        var lines = File.ReadAllLines(_fixture.PathOf("sample.csv"));
        lines[0].ShouldBe("case_ref,case_type,team,service,practitioner,auditor,reserve");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count.ShouldBe(5);
        rows.Count(r => r[6] == "false").ShouldBe(4);
        rows.ShouldAllBe(r => !(r[2] == "Team A" && r[5] == "Ann Auditor") && !(r[2].ToLowerInvariant() == "team b" && r[5] == "Bo Auditor"));
        rows.Select(r => r[0]).ShouldBeSubsetOf(["C-8", "C-10", "C-11", "C-12", "C-13"]);

        using (var package = new ExcelPackage(new FileInfo(_fixture.PathOf("forms", "sample.xlsx"))))
        {
            var sheet = package.Workbook.Worksheets[0];
            var header = Enumerable.Range(1, sheet.Dimension.End.Column).ToDictionary(c => sheet.Cells[4, c].Text, c => c);
            var formRows = Enumerable.Range(5, 4).Select(r => (Case: sheet.Cells[r, header["case_ref"]].Text, Auditor: sheet.Cells[r, header["auditor"]].Text)).ToList();
            formRows.Select(r => r.Case).ShouldBe(rows.Where(r => r[6] == "false").Select(r => r[0]));
            formRows.Select(r => r.Auditor).ShouldBe(rows.Where(r => r[6] == "false").Select(r => r[5]));
        }

        using var store = AuditStore.OpenSqlite(_fixture.PathOf("store.db"));
        var stored = store.Samples(new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)).ShouldHaveSingleItem();
        stored.TemplateId.ShouldBe("mini-audit");
        stored.ExcludedWithin.ShouldBe("12m");
        stored.Cases.Select(c => c.CaseRef).ShouldBe(rows.Select(r => r[0]));
    }

    [Fact]
    public async Task Sample_SameSeedAgain_SameFileAndRecordedOnce()
    {
        var first = await Sample("--total", "5", "--seed", "11", "--by", "case_type");
        var firstCsv = File.ReadAllText(_fixture.PathOf("sample.csv"));
        var again = await Sample("--total", "5", "--seed", "11", "--by", "case_type");

        first.ExitCode.ShouldBe(0, first.Error);
        again.ExitCode.ShouldBe(0, again.Error);
        File.ReadAllText(_fixture.PathOf("sample.csv")).ShouldBe(firstCsv);
        first.Out.ShouldContain("recorded.");
        again.Out.ShouldContain("already recorded (the same sample was drawn before).");
    }

    [Fact]
    public async Task Sample_EveryCase_ValuesLikeFormulasStayText()
    {
        var result = await _fixture.RunAsync("sample", "--cases", "caseload.csv", "--out", "sample.csv", "--as-of", "2026-11-30", "--no-store", "--per-team", "100");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("Drew 12 case(s) and 0 reserve(s) with seed 20261130 (100 per team). 2 team(s) had fewer eligible cases than asked for: all of them were drawn.");
        File.ReadAllText(_fixture.PathOf("sample.csv")).ShouldContain("C-3,LAC,Team A,Safeguarding,'=Pat Worker,false");
    }

    [Theory]
    [InlineData(new[] { "--per-team", "2", "--total", "4" }, "error: Give either --per-team or --total, not both (for example --per-team 2 or --total 20).")]
    [InlineData(new string[0], "error: Say how many cases to draw: for example --per-team 2 or --total 20.")]
    [InlineData(new[] { "--per-team", "0" }, "error: --per-team 0 is out of range; give a number from 1 to 100000.")]
    [InlineData(new[] { "--per-team", "2", "--exclude-audited-within", "a year" }, "error: --exclude-audited-within 'a year' is not a length of time; write months, weeks or days, for example 12m, 26w or 90d.")]
    [InlineData(new[] { "--per-team", "2", "--form", "f.xlsx" }, "error: --form makes the audit form from a template; give it with --template (its YAML file, or its id for templates/ID.yaml).")]
    [InlineData(new[] { "--per-team", "2", "--by", "practitioner" }, "error: --by 'practitioner' is not a column samples are drawn by; samples are drawn by team, and --by case_type draws by case type within each team.")]
    [InlineData(new[] { "--per-team", "2", "--reserve", "-1" }, "error: --reserve -1 is out of range; give a number from 0 to 1000.")]
    public async Task Sample_UsageErrors_Exit2WithTheFix(string[] options, string message)
    {
        var result = await Sample(options);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(message + "\n");
        File.Exists(_fixture.PathOf("sample.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task Sample_FolderInTheWayOfTheForm_Exit2AndNeitherFileWritten()
    {
        Directory.CreateDirectory(_fixture.PathOf("form.xlsx"));

        var result = await Sample("--per-team", "1", "--template", "templates/mini-audit.yaml", "--form", "form.xlsx");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error: Could not write 'form.xlsx': there is a folder of that name in the way; move or rename it. Nothing in '");
        File.Exists(_fixture.PathOf("sample.csv")).ShouldBeFalse();
        File.Exists(_fixture.PathOf("store.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Sample_ExcludeWithoutAStore_SaysTheStoreIsMissing()
    {
        var result = await Sample("--per-team", "2", "--exclude-audited-within", "6m");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldEndWith("error AK5006: There is no store at 'store.db'. Record audits into it first with 'auditkit run', or give --db or --connection.\n");
        File.Exists(_fixture.PathOf("store.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Sample_CaseloadWithoutCaseTypes_ByCaseTypeIsRefusedNamingTheColumn()
    {
        File.WriteAllText(_fixture.PathOf("caseload.csv"), "case_ref,team\nC-1,Team A\n");

        var result = await Sample("--per-team", "2", "--by", "case_type");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("caseload.csv: error AK6101: The caseload has no 'case_type' column, which --by case_type draws by. Add it to the extract's header row (the columns are those 'auditkit form --cases' reads).\n");
    }

    [Fact]
    public async Task Sample_AuditorsAllOfTheTeam_WarnsAndLeavesThoseCasesWithoutAuditor()
    {
        File.WriteAllText(_fixture.PathOf("auditors.csv"), "auditor,team\nAnn Auditor,Team A\n");

        var result = await _fixture.RunAsync("sample", "--cases", "caseload.csv", "--out", "sample.csv", "--no-store", "--per-team", "1", "--auditors", "auditors.csv");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldContain("warning AK6107: No auditor outside team 'Team A' is listed, so its 1 drawn case(s) have no auditor. Add an auditor from another team (or of no team) to the auditors list.");
        File.ReadAllLines(_fixture.PathOf("sample.csv")).Skip(1).Select(l => l.Split(',')).ShouldAllBe(r => r[2] == "Team A" ? r[5].Length == 0 : r[5] == "Ann Auditor");
    }
}
