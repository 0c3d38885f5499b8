using System.Text;
using System.Text.Json;
using AuditKit.Compliance.Standards;
using AuditKit.Reporting.Standards;
using AuditKit.Tests.Support;
using static AuditKit.Tests.Compliance.Standards.StandardFixture;

namespace AuditKit.Tests.Reporting.Standards;

/// <summary>standards.json and standards.html of the hand-worked roll-up of <c>StandardFixture</c>.</summary>
public class StandardsWriterTests
{
    private static StandardsReport Report(string? team = null) => StandardRollup.Build(Sources(), OctoberToNovember, team);

    [Fact]
    public void Write_Json_MatchesSnapshotAndTheSameReportGivesTheSameBytes()
    {
        var first = Json(Report());

        first.ShouldBe(Json(Report()));
        Snapshot.Match(first, "standards-json");
    }

    [Fact]
    public void Write_Json_RoundsFractionsAndGivesNullComplianceWithoutCases()
    {
        using var json = JsonDocument.Parse(Json(StandardRollup.Build(Sources(), new(Month(2026, 10), Month(2026, 12)), "Team A")));

        json.RootElement.GetProperty("team").GetString().ShouldBe("Team A");
        var seen = json.RootElement.GetProperty("standards")[1];
        seen.GetProperty("periods")[1].GetProperty("compliance").GetDouble().ShouldBe(0.583333);
        seen.GetProperty("periods")[2].GetProperty("compliance").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("periods")[2].GetProperty("ci_low").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Write_Html_MatchesSnapshotMarkingFiguresOnFewerThanFiveCasesProvisional()
    {
        using var writer = new StringWriter();
        StandardsHtmlWriter.Write(Report(), writer);
        var html = writer.ToString();

        html.ShouldContain("<td class=\"prov\">62.5% <span class=\"mark\" title=\"provisional: fewer than 5 cases\">");
        html.ShouldNotContain("<script", Shouldly.Case.Insensitive);
        Snapshot.Match(html, "standards-html");
    }

    private static string Json(StandardsReport report)
    {
        using var stream = new MemoryStream();
        StandardsJsonWriter.Write(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
