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
