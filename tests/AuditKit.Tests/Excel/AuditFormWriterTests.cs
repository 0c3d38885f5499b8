using AuditKit.Excel;
using AuditKit.Tests.Support;
using OfficeOpenXml;

namespace AuditKit.Tests.Excel;

public sealed class AuditFormWriterTests
{
    private static readonly string[] ContractColumns =
    [
        "audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "service", "practitioner", "template", "overall_grade",
        "child_seen_alone", "child_seen_alone_comment", "wishes_recorded", "wishes_recorded_comment", "oversight_recorded", "oversight_recorded_comment",
        "child_age", "visit_date", "plan_signed", "placement",
    ];

    [Fact]
    public void Write_TemplateWithCases_MatchesSnapshot()
    {
        var xlsx = WriteForm(
        [
            new Dictionary<string, string?> { ["case_ref"] = "C-100", ["case_type"] = "CP", ["team"] = "Team A", ["child_age"] = "7", ["visit_date"] = "2026-10-28" },
        ]);

        Snapshot.Match(WorkbookDump.Dump(xlsx), "audit-form");
    }

    [Fact]
    public void Write_BlankForm_MatchesSnapshotAndHasNoAudits()
    {
        using var output = new MemoryStream();
        new AuditFormWriter().Write(ExcelSamples.Template(), null, 3, output);
        var xlsx = output.ToArray();

        Snapshot.Match(WorkbookDump.Dump(xlsx), "audit-form-blank");
        XlsxSubmissionReader.Read(new MemoryStream(xlsx), "blank.xlsx").ShouldBeEmpty();
    }

    [Fact]
    public void Write_CasesFilledInByProgram_ReadsBackContractRecords()
    {
        // Arrange: a form prefilled with two cases, then completed as an auditor would.
        var xlsx = WriteForm(
        [
            new Dictionary<string, string?> { ["case_ref"] = "C-100", ["case_type"] = "CP", ["team"] = "Team A", ["service"] = "Children in Need", ["practitioner"] = "P Worker", ["ignored"] = "x" },
            new Dictionary<string, string?> { ["case_ref"] = "C-101", ["case_type"] = "LAC", ["team"] = "Team B", ["placement"] = "Residential, in county" },
        ]);
        using (var package = new ExcelPackage(new MemoryStream(xlsx)))
        {
            var sheet = package.Workbook.Worksheets[0];
            var column = Columns(sheet);
            sheet.Cells[5, column["audit_id"]].Value = "AUD-1";
            sheet.Cells[5, column["audit_date"]].Value = new DateTime(2026, 11, 3);
            sheet.Cells[5, column["auditor"]].Value = "A Auditor";
            sheet.Cells[5, column["overall_grade"]].Value = "Good";
            sheet.Cells[5, column["child_seen_alone"]].Value = "Yes";
            sheet.Cells[5, column["child_seen_alone_comment"]].Value = "Seen alone at school on 28 October.";
            sheet.Cells[5, column["oversight_recorded"]].Value = "Partly";
            sheet.Cells[5, column["child_age"]].Value = 7d;
            sheet.Cells[5, column["visit_date"]].Value = new DateTime(2026, 10, 28);
            sheet.Cells[5, column["plan_signed"]].Value = true;
            sheet.Cells[6, column["audit_id"]].Value = "AUD-2";
            sheet.Cells[6, column["audit_date"]].Value = new DateTime(2026, 11, 4);
            sheet.Cells[6, column["auditor"]].Value = "A Auditor";
            sheet.Cells[6, column["child_seen_alone"]].Value = "No";
            sheet.Cells[6, column["wishes_recorded"]].Value = "N/A";
            sheet.Cells[6, column["oversight_recorded"]].Value = "Yes";
            xlsx = package.GetAsByteArray();
        }

        // Act
        var records = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "nov-audits.xlsx").ToList();

        // Assert
        records.Count.ShouldBe(2);
        records[0].Header.ShouldBe(ContractColumns);
        records.Select(r => r.Row).ShouldBe([5, 6]);
        records[0].Cells.ShouldBe(
        [
            "AUD-1", "2026-11-03", "A Auditor", "C-100", "CP", "Team A", "Children in Need", "P Worker", "quality-of-practice", "Good",
            "Yes", "Seen alone at school on 28 October.", null, null, "Partly", null,
            "7", "2026-10-28", "true", null,
        ]);
        records[1].Cells.ShouldBe(
        [
            "AUD-2", "2026-11-04", "A Auditor", "C-101", "LAC", "Team B", null, null, "quality-of-practice", null,
            "No", null, "N/A", null, "Yes", null,
            null, null, null, "Residential, in county",
        ]);
    }

    [Fact]
    public void Write_FormulaLikeCaseValues_StayTextAndNoCellHasAFormula()
    {
        var xlsx = WriteForm(
        [
            new Dictionary<string, string?> { ["case_ref"] = ExcelSamples.PlusCaseRef, ["team"] = ExcelSamples.FormulaTeam, ["practitioner"] = "@worker", ["service"] = "-1" },
        ]);

        WorkbookDump.Formulas(xlsx).ShouldBeEmpty();
        var record = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "form.xlsx").Single();
        record.Cells[Array.IndexOf(ContractColumns, "case_ref")].ShouldBe(ExcelSamples.PlusCaseRef);
        record.Cells[Array.IndexOf(ContractColumns, "team")].ShouldBe(ExcelSamples.FormulaTeam);
        record.Cells[Array.IndexOf(ContractColumns, "practitioner")].ShouldBe("@worker");
        record.Cells[Array.IndexOf(ContractColumns, "service")].ShouldBe("-1");
        using var package = new ExcelPackage(new MemoryStream(xlsx));
        var sheet = package.Workbook.Worksheets[0];
        var column = Columns(sheet);
        sheet.Cells[5, column["team"]].Style.QuotePrefix.ShouldBeTrue();
        sheet.Cells[5, column["case_ref"]].Style.QuotePrefix.ShouldBeTrue();
        sheet.Cells[5, column["case_ref"]].Value.ShouldBeOfType<string>();
    }

    [Fact]
    public void Write_Form_ProtectsHeadingsAndUnlocksDataEntry()
    {
        var xlsx = WriteForm(null);

        using var package = new ExcelPackage(new MemoryStream(xlsx));
        var sheet = package.Workbook.Worksheets[0];
        sheet.Name.ShouldBe(AuditFormWriter.AuditSheet);
        sheet.Protection.IsProtected.ShouldBeTrue();
        sheet.Protection.AllowFormatColumns.ShouldBeTrue();
        sheet.Cells[3, 11].Style.Locked.ShouldBeTrue();
        sheet.Cells[4, 1].Style.Locked.ShouldBeTrue();
        sheet.Cells[5, 11].Style.Locked.ShouldBeFalse();
        sheet.Cells[500, 1].Style.Locked.ShouldBeFalse();
        sheet.Cells[3, 11].Comment.Text.ShouldContain("seen on their own");
        package.Workbook.Worksheets[1].Name.ShouldBe(AuditFormWriter.InstructionsSheet);
    }

    [Fact]
    public void Write_ComputedCriterion_HasNoAnswerColumnButIsListedInInstructions()
    {
        var xlsx = WriteForm(null);

        using var package = new ExcelPackage(new MemoryStream(xlsx));
        Columns(package.Workbook.Worksheets[0]).Keys.ShouldNotContain("visit_in_time");
        var instructions = package.Workbook.Worksheets[AuditFormWriter.InstructionsSheet];
        instructions.Cells[instructions.Dimension.Address].Select(c => c.Value as string).ShouldContain("visit_in_time");
    }

    private static byte[] WriteForm(IReadOnlyList<IReadOnlyDictionary<string, string?>>? cases)
    {
        using var output = new MemoryStream();
        new AuditFormWriter().Write(ExcelSamples.Template(), cases, AuditFormWriter.DefaultEmptyRows, output);
        return output.ToArray();
    }

    [Fact]
    public void Write_BundledTemplate_PrintsLandscapeWithTitleAndHeadingsOnEveryPage()
    {
        using var output = new MemoryStream();
        new AuditFormWriter().Write(BundledTemplate(), null, 20, output);
        using var package = new ExcelPackage(new MemoryStream(output.ToArray()));
        var audit = package.Workbook.Worksheets[AuditFormWriter.AuditSheet];

        // Far wider than a page: several pages across, each with the title rows, headings and case details.
        var printing = audit.PrinterSettings;
        printing.Orientation.ShouldBe(eOrientation.Landscape);
        printing.PaperSize.ShouldBe(ePaperSize.A4);
        printing.FitToPage.ShouldBeTrue();
        printing.FitToWidth.ShouldBeGreaterThan(1);
        printing.FitToHeight.ShouldBe(0);
        printing.RepeatRows.Address.ShouldEndWith("$1:$4");
        printing.RepeatColumns.Address.ShouldEndWith("$A:$D");
        audit.HeaderFooter.OddHeader.LeftAlignedText.ShouldBe("Monthly quality of practice audit");

        // The title is kept within the repeated columns, wrapped, in a row tall enough for it.
        audit.MergedCells.ShouldContain("A1:D1");
        audit.Cells[1, 1].Style.WrapText.ShouldBeTrue();
        var titleWidth = Enumerable.Range(1, 4).Sum(c => audit.Column(c).Width);
        var title = (string)audit.Cells[1, 1].Value;
        audit.Row(1).Height.ShouldBeGreaterThanOrEqualTo(Math.Ceiling(title.Length * 14 / 11d / (titleWidth * 1.16)) * 18);

        foreach (var sheet in package.Workbook.Worksheets)
        {
            sheet.PrinterSettings.Orientation.ShouldBe(eOrientation.Landscape, sheet.Name);
        }
    }

    [Fact]
    public void Write_GradeDropDown_ListsTheGradesBestFirst()
    {
        // ofsted-grading tries Inadequate first (a critical standard not met), so the rows' order is not the scale's.
        using var output = new MemoryStream();
        new AuditFormWriter().Write(BundledTemplate(), null, 1, output);
        using var package = new ExcelPackage(new MemoryStream(output.ToArray()));
        var lists = package.Workbook.Worksheets[AuditFormWriter.ListsSheet];
        var column = Enumerable.Range(1, lists.Dimension.End.Column).Single(c => Equals(lists.Cells[1, c].Value, "overall_grade"));

        Enumerable.Range(2, 4).Select(r => lists.Cells[r, column].Value).ShouldBe(["Outstanding", "Good", "Requires improvement", "Inadequate"]);
        lists.Cells[6, column].Value.ShouldBeNull();
    }

    private static AuditKit.Templates.AuditTemplate BundledTemplate()
    {
        var loaded = AuditKit.Templates.TemplateLoader.Load(RepoPaths.InRepo("templates", "quality-of-practice.yaml"));
        loaded.Success.ShouldBeTrue();
        return loaded.Value!;
    }

    private static Dictionary<string, int> Columns(ExcelWorksheet sheet)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 1; column <= sheet.Dimension.End.Column; column++)
        {
            if (sheet.Cells[AuditFormWriter.NameRow, column].Value is string name)
            {
                columns[name] = column;
            }
        }

        return columns;
    }
}
