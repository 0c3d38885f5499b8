using System.Text.Json;
using AuditKit.Tests.Support;
using OfficeOpenXml;

namespace AuditKit.Tests.Cli.StoreCommands;

/// <summary><c>auditkit moderation</c> and the moderation parts of <c>report</c>, end to end on the bundled samples.</summary>
public sealed class ModerationCommandTests : IDisposable
{
    private readonly StoreCliFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Samples => RepoPaths.InRepo("samples", "audits");

    private static string SampleModeration => RepoPaths.InRepo("samples", "moderation");

    private async Task RecordSamplesAsync(bool withModeration = true)
    {
        var run = await _folder.AuditAsync("recorded", withModeration ? [Samples, SampleModeration] : [Samples]);
        run.ExitCode.ShouldBe(3, run.Error);
    }

    [Fact]
    public async Task Moderation_Samples_TableSaysWhatEachFigureIsAndFlagsCriteria()
    {
        await RecordSamplesAsync();

        var result = await _folder.RunAsync("moderation", "--template", StoreCliFolder.Template);

        result.ExitCode.ShouldBe(0, result.Error);
        Snapshot.Match(result.Out, "moderation-samples-table");
    }

    [Fact]
    public async Task Moderation_Json_HasTheContractShapeAndKappaNullWhereUndefined()
    {
        await RecordSamplesAsync();

        var result = await _folder.RunAsync("moderation", "--template", StoreCliFolder.Template, "--format", "json", "--period", "2026-11", "--threshold", "0.5");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["template", "criteria", "auditors", "grades"]);
        root.GetProperty("template").GetString().ShouldBe("quality-of-practice");
        var criteria = root.GetProperty("criteria").EnumerateArray().ToList();
        criteria.Count.ShouldBe(18);
        criteria.ShouldAllBe(c => c.GetProperty("pairs").GetInt32() == 5 || c.GetProperty("pairs").GetInt32() == 4);
        criteria.Where(c => c.GetProperty("kappa").ValueKind == JsonValueKind.Null)
            .ShouldAllBe(c => c.GetProperty("pabak").GetDouble() == 1 && !c.GetProperty("flagged").GetBoolean());
        criteria.Where(c => c.GetProperty("flagged").GetBoolean()).ShouldAllBe(c => c.GetProperty("kappa").GetDouble() < 0.5);
        root.GetProperty("grades").GetProperty("pairs").GetInt32().ShouldBe(5);
        root.GetProperty("grades").GetProperty("scale").EnumerateArray().Select(g => g.GetString())
            .ShouldBe(["Outstanding", "Good", "Requires improvement", "Inadequate"]);
    }

    [Fact]
    public async Task Moderation_NoPairs_ExitsTwoSayingHowToRecordThem()
    {
        await RecordSamplesAsync(withModeration: false);

        var result = await _folder.RunAsync("moderation", "--template", StoreCliFolder.Template);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error AK6201: The store auditkit.db holds no moderation audit of template 'quality-of-practice'");
        result.Error.ShouldContain("with 'auditkit run'");
    }

    [Theory]
    [InlineData("--threshold 1.5", "--threshold 1.5 is not a kappa to flag criteria below; give a number from 0 to 1")]
    [InlineData("--format csv", "--format")]
    [InlineData("--period 2026-11 --from 2026-10 --to 2026-11", "Give either --period or --from and --to, not both")]
    public async Task Moderation_BadOption_ExitsTwoSayingHowToFixIt(string options, string expected)
    {
        var result = await _folder.RunAsync(["moderation", "--template", StoreCliFolder.Template, .. options.Split(' ')]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(expected);
    }

    [Fact]
    public async Task Report_PeriodWithModeration_HasTheModerationObjectSheetAndSection()
    {
        await RecordSamplesAsync();

        var result = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--period", "2026-10", "--out", "rep", "--as-of", "2026-11-30");

        result.ExitCode.ShouldBe(0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(_folder.File("rep/summary.json")));
        var moderation = summary.RootElement.GetProperty("moderation");
        moderation.GetProperty("grades").GetProperty("pairs").GetInt32().ShouldBe(5);
        using (var package = new ExcelPackage(new FileInfo(_folder.File("rep/compliance.xlsx"))))
        {
            var sheet = package.Workbook.Worksheets["Moderation"];
            sheet.ShouldNotBeNull();
            sheet.Cells[1, 5].Text.ShouldBe("Kappa");
            sheet.Cells[2, 1].Text.ShouldBe("child_seen_alone");
        }

        var html = File.ReadAllText(_folder.File("rep/report.html"));
        html.ShouldContain("<section id=\"moderation\"");
        html.ShouldContain("<a href=\"#moderation\">");
    }

    [Fact]
    public async Task Report_PeriodWithoutModeration_HasNoModerationPartAndTheSameFigures()
    {
        await RecordSamplesAsync(withModeration: false);
        var plain = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--period", "2026-10", "--out", "plain", "--as-of", "2026-11-30");
        var store = _folder.File("auditkit.db");
        File.Move(store, _folder.File("plain.db"));
        await RecordSamplesAsync();

        var moderated = await _folder.RunAsync("report", "--template", StoreCliFolder.Template, "--period", "2026-10", "--out", "moderated", "--as-of", "2026-11-30");

        plain.ExitCode.ShouldBe(0, plain.Error);
        moderated.ExitCode.ShouldBe(0, moderated.Error);
        var withoutText = File.ReadAllText(_folder.File("plain/summary.json"));
        withoutText.ShouldNotContain("\"moderation\"");
        File.ReadAllText(_folder.File("plain/report.html")).ShouldNotContain("moderation");
        using (var package = new ExcelPackage(new FileInfo(_folder.File("plain/compliance.xlsx"))))
        {
            package.Workbook.Worksheets["Moderation"].ShouldBeNull();
        }

        // Moderation audits move no figure: the summary with them is the one without, plus its moderation object.
        using var with = JsonDocument.Parse(File.ReadAllText(_folder.File("moderated/summary.json")));
        using var without = JsonDocument.Parse(withoutText);
        foreach (var key in new[] { "submissions", "overall", "teams", "services", "periods", "actions" })
        {
            with.RootElement.GetProperty(key).GetRawText().ShouldBe(without.RootElement.GetProperty(key).GetRawText(), key);
        }
    }
}
