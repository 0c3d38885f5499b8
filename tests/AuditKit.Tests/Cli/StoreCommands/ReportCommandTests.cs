using System.Text.Json;

namespace AuditKit.Tests.Cli.StoreCommands;

/// <summary><c>auditkit report</c> end to end: a period's outputs made from the store, and clear refusals.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_MonthFromTheStore_WritesThePeriodsOutputsWithTheSameFiguresAsTheRun()
    {
        var csv = await _folder.SynthAsync("audits.csv", 60, months: 2);
        await _folder.AuditAsync("recorded", csv);
        var run = await _folder.RunAsync("run", "--template", StoreCliFolder.Template, "--submissions", csv, "--no-store", "--outputs", "json", "--out", "files", "--as-of", "2026-11-30");

        var report = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--from", "2026-10", "--to", "2026-11", "--out", "rep", "--as-of", "2026-11-30");
        var month = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--period", "2026-11", "--out", "nov", "--as-of", "2026-11-30", "--outputs", "json,xlsx,html", "--per-team");

        run.ExitCode.ShouldBe(0, run.Error);
        report.ExitCode.ShouldBe(0, report.Error);
        report.Out.ShouldContain("Report of 2026-10 to 2026-11 from auditkit.db: 60 audits, ");
        using var fromStore = JsonDocument.Parse(File.ReadAllText(_folder.File("rep/summary.json")));
        using var fromFiles = JsonDocument.Parse(File.ReadAllText(_folder.File("files/summary.json")));
        foreach (var key in new[] { "overall", "teams", "services", "periods" })
        {
            fromStore.RootElement.GetProperty(key).GetRawText().ShouldBe(fromFiles.RootElement.GetProperty(key).GetRawText(), key);
        }

        var period = fromStore.RootElement.GetProperty("period");
        (period.GetProperty("from").GetString(), period.GetProperty("to").GetString()).ShouldBe(("2026-10", "2026-11"));
        month.ExitCode.ShouldBe(0, month.Error);
        using var november = JsonDocument.Parse(File.ReadAllText(_folder.File("nov/summary.json")));
        november.RootElement.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString()).ShouldBe(["2026-11"]);
        november.RootElement.GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("scope").GetString() != "case")
            .ShouldAllBe(a => a.GetProperty("period").GetString() == "2026-11");
        File.Exists(_folder.File("nov/compliance.xlsx")).ShouldBeTrue();
        File.ReadAllText(_folder.File("nov/report.html")).ShouldContain("<dt>Reported period</dt><dd>2026-11: every audit the history store holds for it");
        var packs = Directory.GetDirectories(_folder.File("nov/teams"));
        packs.Length.ShouldBe(november.RootElement.GetProperty("teams").GetArrayLength());
        packs.ShouldAllBe(p => File.Exists(Path.Combine(p, "report.html")) && File.Exists(Path.Combine(p, "compliance.xlsx")));
    }

    [Theory]
    [InlineData("--period 2026-13", "--period '2026-13' is not a month (yyyy-MM) or a quarter (yyyy-Qn)")]
    [InlineData("--from 2026-06", "Say which period to report")]
    [InlineData("--from 2026-11 --to 2026-06", "--to '2026-06' comes before --from '2026-11'")]
    [InlineData("--from 2026-Q1 --to 2026-06", "must both be months or both be quarters")]
    [InlineData("--period 2026-11 --from 2026-10 --to 2026-11", "Give either --period or --from and --to, not both")]
    public async Task Report_BadPeriod_ExitsTwoSayingHowToFixIt(string periods, string expected)
    {
        var result = await _folder.RunAsync(["report", "--template", StoreCliFolder.Template, "--out", "rep", .. periods.Split(' ')]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(expected);
    }

    [Fact]
    public async Task Report_PeriodWithoutAudits_ExitsTwoNamingThePeriod()
    {
        var csv = await _folder.SynthAsync("audits.csv", 20, months: 1);
        await _folder.AuditAsync("recorded", csv);

        var result = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--period", "2025-01", "--out", "rep");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error AK5012: auditkit.db holds no current audits of template 'quality-of-practice' dated in 2025-01");
        Directory.Exists(_folder.File("rep")).ShouldBeFalse();
    }

    [Fact]
    public async Task Report_TemplateIdWithoutItsFile_ExitsTwoAskingForThePath()
    {
        var result = await _folder.RunAsync("report", "--template", "quality-of-practice", "--period", "2026-11", "--out", "rep");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("give the path of the template's YAML file");
    }
}
