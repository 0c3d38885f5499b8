using AuditKit.Excel;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Templates;
using AuditKit.Tests.Support;
using OfficeOpenXml;
using OfficeOpenXml.Style;

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

        // Criteria down the side from row 4: row 4 is child_seen_alone (target 90% in column C); columns D and E are
        // "All teams" (its name over both) at 2/3 and its n.
        summary.Cells[4, 1].Value.ShouldBe("child_seen_alone");
        summary.Cells[4, 3].Value.ShouldBe(0.9);
        summary.Cells[2, 4].Value.ShouldBe("All teams");
        summary.Cells[3, 4].Value.ShouldBe("Compliance");
        summary.Cells[3, 5].Value.ShouldBe("n");
        summary.Cells[4, 4].Value.ShouldBeOfType<double>().ShouldBe(2 / 3d, 1e-12);
        summary.Cells[4, 4].Style.Numberformat.Format.ShouldBe("0.0%\" Red\"");
        summary.Cells[4, 4].Style.Fill.BackgroundColor.Rgb.ShouldBe("FFFFC7CE");
        summary.Cells[4, 5].Value.ShouldBe(3d);
    }

    [Fact]
    public void Write_Summary_EachTeamsNSitsBesideItsOwnComplianceUnderItsName()
    {
        var report = ExcelSamples.Report();
        using var package = Open(Write(report));
        var summary = package.Workbook.Worksheets[ComplianceWorkbookWriter.SummarySheet];
        var groups = report.Compliance.Teams.Prepend(report.Compliance.Overall).ToList();

        for (var g = 0; g < groups.Count; g++)
        {
            var column = 4 + (2 * g);

            // The name spans its compliance and n columns, a line on the left divides it from the team before, the
            // compliance is pushed right and the n left: the two meet, away from the next team's cells.
            summary.MergedCells.ShouldContain(ExcelCellBase.GetAddress(2, column, 2, column + 1));
            summary.Cells[2, column].Value.ShouldBe(groups[g].Name ?? "All teams");
            summary.Cells[4, column].Style.Border.Left.Style.ShouldBe(ExcelBorderStyle.Thin);
            summary.Cells[4, column].Style.HorizontalAlignment.ShouldBe(ExcelHorizontalAlignment.Right);
            summary.Cells[4, column + 1].Style.HorizontalAlignment.ShouldBe(ExcelHorizontalAlignment.Left);
            summary.Cells[4, column + 1].Style.Border.Left.Style.ShouldBe(ExcelBorderStyle.None);
            for (var i = 0; i < report.Template.Criteria.Length; i++)
            {
                var stat = groups[g].Criteria[i];
                summary.Cells[4 + i, column + 1].Value.ShouldBe((double)stat.Counts.Applicable, $"n of {groups[g].Name ?? "All teams"}, {stat.Id}");
            }
        }
    }

    [Fact]
    public void Write_EveryPercentage_HasOneDecimalPlace()
    {
        using var package = Open(Write(ExcelSamples.Report()));

        var formats = package.Workbook.Worksheets
            .SelectMany(sheet => sheet.Cells[sheet.Dimension.Address].Select(c => (Where: $"{sheet.Name}!{c.Address}", c.Style.Numberformat.Format)))
            .Where(c => c.Format.Contains('%', StringComparison.Ordinal))
            .ToList();

        formats.ShouldNotBeEmpty();
        formats.ShouldAllBe(c => c.Format.StartsWith("0.0%", StringComparison.Ordinal));

        // 79.7% shows as 79.7%, never as an 80% that looks like it meets an 80% target.
        var summary = package.Workbook.Worksheets[ComplianceWorkbookWriter.SummarySheet];
        summary.Cells[5, 4].Value = 0.797;
        summary.Cells[5, 4].Text.ShouldBe("79.7% Amber");
    }

    [Fact]
    public void PercentFormat_EveryFractionOfUpTo200Cases_ShowsTheFigureTheConsoleShows()
    {
        // Compliance is (met + 0.5 x partly) / n: every half-step fraction of n from 1 to 200 cases.
        using var package = new ExcelPackage();
        var cell = package.Workbook.Worksheets.Add("x").Cells[1, 1];
        cell.Style.Numberformat.Format = "0.0%";
        var differ = new List<string>();
        for (var n = 1; n <= 200; n++)
        {
            for (var halves = 0; halves <= 2 * n; halves++)
            {
                var fraction = halves / 2d / n;
                cell.Value = fraction;
                var console = ActionText.Percent(fraction);
                var expected = console.Contains('.', StringComparison.Ordinal) ? console : console.Replace("%", ".0%", StringComparison.Ordinal);
                if (cell.Text != expected)
                {
                    differ.Add($"{halves}/2/{n}: {cell.Text} vs {console}");
                }
            }
        }

        differ.ShouldBeEmpty();
    }

    [Fact]
    public void Write_EverySheet_PrintsLandscapeFitToWidthWithItsHeadingsAndTitleOnEveryPage()
    {
        using var package = Open(Write(ExcelSamples.Report()));

        foreach (var sheet in package.Workbook.Worksheets)
        {
            var printing = sheet.PrinterSettings;
            printing.Orientation.ShouldBe(eOrientation.Landscape, sheet.Name);
            printing.PaperSize.ShouldBe(ePaperSize.A4, sheet.Name);
            printing.FitToPage.ShouldBeTrue(sheet.Name);
            printing.FitToWidth.ShouldBe(1, sheet.Name);
            printing.FitToHeight.ShouldBe(0, sheet.Name);
            var headingRows = sheet.Name == ComplianceWorkbookWriter.SummarySheet ? 3 : 1;
            printing.RepeatRows.Address.ShouldEndWith($"$1:${headingRows}", Case.Sensitive, sheet.Name);
            sheet.HeaderFooter.OddHeader.LeftAlignedText.ShouldBe("Test template", sheet.Name);
            sheet.HeaderFooter.OddHeader.CenteredText.ShouldBe(sheet.Name, sheet.Name);
            sheet.HeaderFooter.OddHeader.RightAlignedText.ShouldBe("As of 30/11/2026", sheet.Name);
        }
    }

    [Fact]
    public void Write_LongActionText_RowIsTallEnoughForEveryLine()
    {
        // Arrange: a team action whose text wraps over many lines of the Action column.
        var text = string.Join(" ", Enumerable.Repeat("Team manager to go through the findings with each practitioner and record what was agreed.", 5));
        var report = ExcelSamples.Report();
        var actions = report.Actions.ToFollowUpActions().Select(a => a.Scope == ActionScope.Team ? a with { Text = text } : a).ToList();
        report = report with { Actions = RunActions.From(actions) };

        // Act
        using var package = Open(Write(report));

        // Assert: at the most characters a line of Calibri 11 can hold in the column (about 1.16 a width unit, as
        // LibreOffice lays it out), the row still has 15 points for every line, and a short row keeps its height.
        var sheet = package.Workbook.Worksheets[ComplianceWorkbookWriter.ActionsSheet];
        var row = Enumerable.Range(2, sheet.Dimension.End.Row - 1).Single(r => Equals(sheet.Cells[r, 5].Value, text));
        var width = sheet.Column(5).Width;
        var leastLines = (int)Math.Ceiling(text.Length / (width * 1.16));
        sheet.Cells[row, 5].Style.WrapText.ShouldBeTrue();
        sheet.Row(row).CustomHeight.ShouldBeTrue();
        sheet.Row(row).Height.ShouldBeGreaterThanOrEqualTo(leastLines * 15d);
        sheet.Cells[row, 1].Style.VerticalAlignment.ShouldBe(ExcelVerticalAlignment.Top);
    }

    [Fact]
    public void Write_CriterionHeadings_AreTheTemplatesWordsWithTheIdInTheNote()
    {
        var report = ExcelSamples.Report();
        using var package = Open(Write(report));

        foreach (var name in new[] { ComplianceWorkbookWriter.ByTeamSheet, ComplianceWorkbookWriter.ByMonthSheet, ComplianceWorkbookWriter.CasesSheet })
        {
            var sheet = package.Workbook.Worksheets[name];
            var headings = Enumerable.Range(1, sheet.Dimension.End.Column).Select(c => sheet.Cells[1, c]).ToList();
            foreach (var criterion in report.Template.Criteria)
            {
                var heading = headings.Single(h => ((string)h.Value).StartsWith(criterion.Text, StringComparison.Ordinal));
                heading.Comment.Text.ShouldStartWith(criterion.Id + " (");
                heading.Style.WrapText.ShouldBeTrue();
            }

            // The heading row is tall enough for the longest heading: nothing overlaps the first row.
            var tallest = headings.Max(h => Math.Ceiling(((string)h.Value).Length / (sheet.Column(h.Start.Column).Width * 1.16)));
            sheet.Row(1).Height.ShouldBeGreaterThanOrEqualTo(tallest * 15, name);
        }
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

        actions.Cells[1, 3, 1, 9].Select(c => c.Value).ShouldBe(["Criterion or theme", "Issue found", "Action", "Responsibility", "Raised", "Timescale", "Progress (RAG)"]);
        // Case actions come first, by due date.
        actions.Cells[2, 4].Value.ShouldBe("Case +44 20 7946 0000 graded Inadequate");
        actions.Cells[3, 4].Value.ShouldBe("Case +44 20 7946 0000: Child seen alone not met");
        actions.Cells[4, 4].Value.ShouldBe("Visit in time: 50% against an 80% target (Red)");
        actions.Cells[5, 4].Value.ShouldBe("Child seen alone: 66.7% across the service against a 90% target (Red)");
        actions.Cells[3, 6].Value.ShouldBe("Practitioner");
        actions.Cells[4, 6].Value.ShouldBe("Jo Bloggs");
        actions.Cells[3, 8].Value.ShouldBe(new DateTime(2026, 11, 17).ToOADate());
        actions.Cells[2, 8].Style.Numberformat.Format.ShouldBe("dd/mm/yyyy");
    }

    [Fact]
    public void Write_Actions_TellRaisedLateFromOpenAndSayWhenEachWasRaised()
    {
        using var package = Open(Write(ExcelSamples.Report()));
        var actions = package.Workbook.Worksheets[ComplianceWorkbookWriter.ActionsSheet];

        // AUD-2 was audited on 2026-11-03; its case actions fell due before the run of 2026-11-30 raised them.
        actions.Cells[2, 7].Value.ShouldBe("27 days after the audit");
        actions.Cells[2, 9].Value.ShouldBe("Amber - raised late");
        actions.Cells[4, 7].Value.ShouldBe("From the team's figures");
        actions.Cells[4, 9].Value.ShouldBe("Amber - open");
        actions.Cells[5, 7].Value.ShouldBe("From the service's figures");
        Enumerable.Range(2, actions.Dimension.End.Row - 1).Select(r => (string)actions.Cells[r, 9].Value)
            .ShouldAllBe(p => p == "Amber - raised late" || p == "Amber - open");
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
