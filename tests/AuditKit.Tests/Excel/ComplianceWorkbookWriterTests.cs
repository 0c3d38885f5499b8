using AuditKit.Excel;
using AuditKit.Reporting;
using AuditKit.Templates;
using AuditKit.Tests.Support;
using OfficeOpenXml;

namespace AuditKit.Tests.Excel;

public sealed class ComplianceWorkbookWriterTests
{
    [Fact]
    public void Write_SmallReport_MatchesSnapshot()
    {
        var xlsx = Write(ExcelSamples.Report());

        Snapshot.Match(WorkbookDump.Dump(xlsx), "compliance-workbook");
    }

    [Fact]
    public void Write_SmallReport_HasSheetsInOrder()
    {
        using var package = Open(Write(ExcelSamples.Report()));

        package.Workbook.Worksheets.Select(s => s.Name).ShouldBe(
            ["Summary", "By criterion", "By team", "By month", "Cases", "Actions", "Data quality", "Rejected", "About"]);
    }

    [Fact]
    public void Write_Summary_ComplianceIsARealNumberWithRagColourAndWord()
    {
        using var package = Open(Write(ExcelSamples.Report()));
        var summary = package.Workbook.Worksheets[ComplianceWorkbookWriter.SummarySheet];

        // Criteria down the side: row 3 is child_seen_alone (target 90% in column C); column D is "All teams" at 2/3,
        // column E its n.
        summary.Cells[3, 1].Value.ShouldBe("child_seen_alone");
        summary.Cells[3, 3].Value.ShouldBe(0.9);
        summary.Cells[2, 4].Value.ShouldBe("All teams");
        summary.Cells[3, 4].Value.ShouldBeOfType<double>().ShouldBe(2 / 3d, 1e-12);
        summary.Cells[3, 4].Style.Numberformat.Format.ShouldBe("0%\" Red\"");
        summary.Cells[3, 4].Style.Fill.BackgroundColor.Rgb.ShouldBe("FFFFC7CE");
        summary.Cells[3, 5].Value.ShouldBe(3d);
        summary.PrinterSettings.Orientation.ShouldBe(eOrientation.Landscape);
        summary.PrinterSettings.FitToWidth.ShouldBe(1);
    }

    [Fact]
    public void Write_Summary_FormulaLikeTeamHeadingStaysText()
    {
        using var package = Open(Write(ExcelSamples.Report()));
        var summary = package.Workbook.Worksheets[ComplianceWorkbookWriter.SummarySheet];

        var heading = Enumerable.Range(1, summary.Dimension.End.Column).Select(c => summary.Cells[2, c]).Single(c => Equals(c.Value, ExcelSamples.FormulaTeam));
        heading.Style.QuotePrefix.ShouldBeTrue();
        heading.Formula.ShouldBeNullOrEmpty();
    }

    [Fact]
    public void Write_FormulaLikeTeamAndCaseRef_StayTextAndNoCellHasAFormula()
    {
        var xlsx = Write(ExcelSamples.Report());

        WorkbookDump.Formulas(xlsx).ShouldBeEmpty();
        using var package = Open(xlsx);
        var cases = package.Workbook.Worksheets[ComplianceWorkbookWriter.CasesSheet];
        cases.Cells[3, 4].Value.ShouldBe(ExcelSamples.PlusCaseRef);
        cases.Cells[3, 4].Style.QuotePrefix.ShouldBeTrue();
        cases.Cells[3, 6].Value.ShouldBe(ExcelSamples.FormulaTeam);
        cases.Cells[3, 6].Style.QuotePrefix.ShouldBeTrue();
        var team = package.Workbook.Worksheets[ComplianceWorkbookWriter.ByTeamSheet].Cells[4, 1];
        team.Value.ShouldBe(ExcelSamples.FormulaTeam);
        team.Style.QuotePrefix.ShouldBeTrue();
    }

    [Fact]
    public void Write_Actions_UseActionPlanShapeWithRealDatesAndProgress()
    {
        using var package = Open(Write(ExcelSamples.Report()));
        var actions = package.Workbook.Worksheets[ComplianceWorkbookWriter.ActionsSheet];

        actions.Cells[1, 3, 1, 8].Select(c => c.Value).ShouldBe(["Criterion or theme", "Issue found", "Action", "Responsibility", "Timescale", "Progress (RAG)"]);
        // Case actions come first, by due date.
        actions.Cells[2, 4].Value.ShouldBe("Case +44 20 7946 0000 graded Inadequate");
        actions.Cells[3, 4].Value.ShouldBe("Case +44 20 7946 0000: Child seen alone not met");
        actions.Cells[4, 4].Value.ShouldBe("Visit in time: 50% against an 80% target (Red)");
        actions.Cells[5, 4].Value.ShouldBe("Child seen alone: 66.7% across the service against a 90% target (Red)");
        actions.Cells[3, 6].Value.ShouldBe("Practitioner");
        actions.Cells[4, 6].Value.ShouldBe("Jo Bloggs");
        actions.Cells[3, 7].Value.ShouldBe(new DateTime(2026, 11, 17).ToOADate());
        actions.Cells[2, 7].Style.Numberformat.Format.ShouldBe("dd/mm/yyyy");
        actions.Cells[2, 8].Value.ShouldBe("Red - overdue");
        actions.Cells[4, 8].Value.ShouldBe("Amber - open");
    }

    [Fact]
    public void Write_Properties_DatedByAsOfNotTheClock()
    {
        using var package = Open(Write(ExcelSamples.Report()));

        package.Workbook.Properties.Created.ShouldBe(new DateTime(2026, 11, 30));
    }

    [Fact]
    public void Write_SameReportTwice_SameDump()
    {
        var report = ExcelSamples.Report();

        WorkbookDump.Dump(Write(report)).ShouldBe(WorkbookDump.Dump(Write(report)));
    }

    [Fact]
    public void Write_MoreCasesThanASheetHolds_ContinuesOnNumberedSheets()
    {
        // Arrange: a limit of 3 rows per sheet (headings + 2 cases) and 5 cases.
        var extra = Enumerable.Range(4, 2)
            .Select(i => ExcelSamples.Case($"AUD-{i}", new DateOnly(2026, 11, 6), $"C-{i}", "Team A", null, null, "Good", 1, Outcome.Met, Outcome.Met, Outcome.Met, Outcome.Met))
            .ToArray();
        var report = ExcelSamples.Report(extra);
        using var output = new MemoryStream();

        // Act
        new ComplianceWorkbookWriter(maxSheetRows: 3).Write(report, output);

        // Assert
        using var package = Open(output.ToArray());
        var sheets = package.Workbook.Worksheets.Where(s => s.Name.StartsWith("Cases", StringComparison.Ordinal)).ToList();
        sheets.Select(s => s.Name).ShouldBe(["Cases", "Cases (2)", "Cases (3)"]);
        sheets.Select(s => s.Dimension.End.Row).ShouldBe([3, 3, 2]);
        sheets.Select(s => s.Cells[2, 1].Value).ShouldBe(["AUD-1", "AUD-3", "AUD-5"]);
        sheets.ShouldAllBe(s => (string)s.Cells[1, 1].Value == "Audit ID");
    }

    [Theory]
    [InlineData(0, 10, new[] { 0 })]
    [InlineData(9, 10, new[] { 9 })]
    [InlineData(10, 10, new[] { 9, 1 })]
    [InlineData(25, 10, new[] { 9, 9, 7 })]
    [InlineData(1_048_575, 1_048_576, new[] { 1_048_575 })]
    [InlineData(1_048_576, 1_048_576, new[] { 1_048_575, 1 })]
    public void SplitRows_Counts_FillsSheetsInTurn(int rows, int maxSheetRows, int[] expectedTakes)
    {
        var parts = ComplianceWorkbookWriter.SplitRows(rows, maxSheetRows);

        parts.Select(p => p.Take).ShouldBe(expectedTakes);
        parts.Select(p => p.Skip).ShouldBe(expectedTakes.Select((_, i) => expectedTakes.Take(i).Sum()));
        parts[0].Name.ShouldBe("Cases");
        parts.Skip(1).Select(p => p.Name).ShouldBe(Enumerable.Range(2, parts.Count - 1).Select(i => $"Cases ({i})"));
    }

    private static byte[] Write(RunReport report)
    {
        using var output = new MemoryStream();
        new ComplianceWorkbookWriter().Write(report, output);
        return output.ToArray();
    }

    private static ExcelPackage Open(byte[] xlsx) => new(new MemoryStream(xlsx));
}
