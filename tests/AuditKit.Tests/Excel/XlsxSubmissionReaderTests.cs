using AuditKit.Diagnostics;
using AuditKit.Excel;
using AuditKit.Submissions;
using AuditKit.Tests.Submissions;
using OfficeOpenXml;

namespace AuditKit.Tests.Excel;

public sealed class XlsxSubmissionReaderTests
{
    [Fact]
    public void Read_HeaderOnRow3WithDatesNumbersBooleans_ReturnsExactRecords()
    {
        // Arrange: a title and a blank row above the column names, typed values, and empty rows between audits.
        var xlsx = Build(sheet =>
        {
            sheet.Cells[1, 1].Value = "November audits";
            sheet.Cells[3, 1, 3, 7].LoadFromArrays([["audit_id", "audit_date", " case_ref ", "child_age", "seen_alone", "weight", "note"]]);
            sheet.Cells[4, 1].Value = "AUD-1";
            sheet.Cells[4, 2].Value = new DateTime(2026, 11, 3);
            sheet.Cells[4, 2].Style.Numberformat.Format = "dd/mm/yyyy";
            sheet.Cells[4, 3].Value = "  C-100  ";
            sheet.Cells[4, 4].Value = 12d;
            sheet.Cells[4, 5].Value = true;
            sheet.Cells[4, 6].Value = 12.5;
            sheet.Cells[4, 7].Value = "   ";

            sheet.Cells[6, 1].Value = "AUD-2";
            sheet.Cells[6, 2].Value = 46329d; // 2026-11-03 as a serial, with a built-in date format
            sheet.Cells[6, 2].Style.Numberformat.Format = "yyyy-mm-dd";
            sheet.Cells[6, 3].Value = 4711d;
            sheet.Cells[6, 4].Value = 0.1 + 0.2;
            sheet.Cells[6, 5].Value = false;

            sheet.Cells[7, 2].Style.Numberformat.Format = "dd/mm/yyyy"; // styled but empty: not an audit
            sheet.Cells[8, 9].Value = "beyond the columns"; // a value with no heading still makes a row
        });

        // Act
        var records = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "nov.xlsx").ToList();

        // Assert
        records.Select(r => r.Row).ShouldBe([4, 6, 8]);
        records[0].Source.ShouldBe("nov.xlsx");
        records[0].Header.ShouldBe(["audit_id", "audit_date", "case_ref", "child_age", "seen_alone", "weight", "note"]);
        records[0].Cells.ShouldBe(["AUD-1", "2026-11-03", "C-100", "12", "true", "12.5", null]);
        records[1].Cells.ShouldBe(["AUD-2", "2026-11-03", "4711", "0.3", "false", null, null]);
        records[2].Cells.ShouldBe([null, null, null, null, null, null, null]);
    }

    [Fact]
    public void Read_PlainSheet_UsesRowOneAsHeader()
    {
        var xlsx = Build(sheet =>
        {
            sheet.Cells[1, 1, 1, 3].LoadFromArrays([["team", "audit_id", "case_ref"], ["Team A", "AUD-1", "C-1"]]);
        });

        var records = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "plain.xlsx").ToList();

        records.Count.ShouldBe(1);
        records[0].Row.ShouldBe(2);
        records[0].Header.ShouldBe(["team", "audit_id", "case_ref"]);
        records[0].Cells.ShouldBe(["Team A", "AUD-1", "C-1"]);
    }

    [Fact]
    public void Read_NoRecognisedHeader_FallsBackToRowOne()
    {
        var xlsx = Build(sheet => sheet.Cells[1, 1, 2, 2].LoadFromArrays([["id", "ref"], ["A", "B"]]));

        var records = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "odd.xlsx").ToList();

        records.Single().Header.ShouldBe(["id", "ref"]);
        records.Single().Row.ShouldBe(2);
    }

    [Fact]
    public void Read_OnlyFirstWorksheet_IsRead()
    {
        using var package = new ExcelPackage();
        package.Workbook.Worksheets.Add("First").Cells[1, 1, 2, 2].LoadFromArrays([["audit_id", "case_ref"], ["AUD-1", "C-1"]]);
        package.Workbook.Worksheets.Add("Second").Cells[1, 1, 2, 2].LoadFromArrays([["audit_id", "case_ref"], ["AUD-2", "C-2"]]);

        var records = XlsxSubmissionReader.Read(new MemoryStream(package.GetAsByteArray()), "two.xlsx").ToList();

        records.Single().Cells[0].ShouldBe("AUD-1");
    }

    [Fact]
    public void Read_CsvBytesNamedXlsx_ThrowsSubmissionReadExceptionNamingFileWithoutValues()
    {
        var bytes = "audit_id,case_ref\nAUD-1,SECRET-CASE-42\n"u8.ToArray();

        var error = Should.Throw<SubmissionReadException>(() => XlsxSubmissionReader.Read(new MemoryStream(bytes), "returns.xlsx"));

        error.SourceName.ShouldBe("returns.xlsx");
        error.Message.ShouldContain("'returns.xlsx'");
        error.Message.ShouldContain("could not be read");
        error.Message.ShouldNotContain("SECRET-CASE-42");
    }

    [Fact]
    public void Read_ZipThatIsNotAWorkbook_ThrowsSubmissionReadException()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("notes.txt").Open());
            entry.Write("not a workbook");
        }

        zip.Position = 0;

        Should.Throw<SubmissionReadException>(() => XlsxSubmissionReader.Read(zip, "notes.xlsx")).Message.ShouldContain("'notes.xlsx'");
    }

    [Fact]
    public void Read_EmptyFile_ThrowsSubmissionReadException()
    {
        Should.Throw<SubmissionReadException>(() => XlsxSubmissionReader.Read(new MemoryStream(), "empty-file.xlsx"))
            .Message.ShouldContain("could not be read");
    }

    [Fact]
    public void Clean_ControlCharacters_ReplacedSoTheFileStaysValid()
    {
        CellText.Clean("a\u0001b\tc\nd").ShouldBe("a\uFFFDb\tc\nd");
        CellText.Clean(new string('x', 40_000)).Length.ShouldBe(CellText.MaxCellLength);
    }

    [Fact]
    public void Read_EmptyWorksheet_ReturnsNoRecords()
    {
        var xlsx = Build(_ => { });

        XlsxSubmissionReader.Read(new MemoryStream(xlsx), "empty.xlsx").ShouldBeEmpty();
    }

    [Fact]
    public void Read_FileFromTestData_ReadsEveryAudit()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Excel", "plain-submission.xlsx");
        using var stream = File.OpenRead(path);

        var records = XlsxSubmissionReader.Read(stream, "plain-submission.xlsx").ToList();

        records.Select(r => r.Cells[0]).ShouldBe(["AUD-1", "AUD-2"]);
        records[0].Cells[1].ShouldBe("2026-11-03");
    }

    [Theory]
    [InlineData(12d, "12")]
    [InlineData(12.5, "12.5")]
    [InlineData(-3d, "-3")]
    [InlineData(0.0000001, "0.0000001")]
    [InlineData(123456789012d, "123456789012")]
    [InlineData(0.30000000000000004, "0.3")]
    public void Number_TypicalValues_InvariantWithoutExponent(double value, string expected)
    {
        CellText.Number(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(14, "mm-dd-yy", true)]
    [InlineData(22, "m/d/yy h:mm", true)]
    [InlineData(164, "dd/mm/yyyy", true)]
    [InlineData(164, "[$-809]d mmmm yyyy", true)]
    [InlineData(164, "mmm", true)]
    [InlineData(0, "General", false)]
    [InlineData(164, "0.00", false)]
    [InlineData(164, "[Red]0.0", false)]
    [InlineData(164, "h:mm", false)]
    [InlineData(164, "\"day \"0", false)]
    [InlineData(49, "@", false)]
    public void IsDateFormat_Formats_RecognisesDates(int id, string format, bool expected)
    {
        CellText.IsDateFormat(id, format).ShouldBe(expected);
    }

    [Fact]
    public void Read_FormulaErrorsNaNAndUncalculatedFormulas_AreProblemsNamingTheCellNeverValues()
    {
        // Arrange: saved results #DIV/0! (=0/0), #N/A and #NUM!, a NaN number, a formula never calculated, and good cells.
        var xlsx = Build(sheet =>
        {
            sheet.Cells[1, 1, 1, 7].LoadFromArrays([["audit_id", "a", "b", "c", "d", "e", "f"]]);
            sheet.Cells[2, 1].Value = "AUD-1";
            sheet.Cells[2, 2].Formula = "0/0";
            sheet.Cells[2, 3].Formula = "NA()";
            sheet.Cells[2, 4].Formula = "SQRT(-1)";
            sheet.Cells[2, 6].Formula = "1+1";
            sheet.Cells[2, 7].Value = "fine";
            sheet.Calculate();
            sheet.Cells[2, 5].Value = double.NaN;
            sheet.Cells[3, 1].Value = "AUD-2";
            sheet.Cells[3, 2].Formula = "2+2"; // saved without a result, as some programs write workbooks
        });

        // Act
        var records = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "formulas.xlsx").ToList();

        // Assert
        records[0].Cells.ShouldBe(["AUD-1", null, null, null, null, "2", "fine"]);
        records[0].CellProblems.ShouldNotBeNull().Select(p => p.Column).ShouldBe([1, 2, 3, 4]);
        records[0].CellProblems![0].Problem.ShouldBe(Messages.Submissions.CellFormulaError("B2", "#DIV/0!"));
        records[0].CellProblems![1].Problem.ShouldBe(Messages.Submissions.CellFormulaError("C2", "#N/A"));
        records[0].CellProblems![2].Problem.ShouldBe(Messages.Submissions.CellFormulaError("D2", "#NUM!"));
        records[0].CellProblems![3].Problem.ShouldBe(Messages.Submissions.CellNotANumber("E2"));
        records[1].Cells.ShouldBe(["AUD-2", null, null, null, null, null, null]);
        records[1].CellProblems.ShouldNotBeNull().ShouldHaveSingleItem().ShouldBe(new CellProblem(1, Messages.Submissions.CellFormulaNotCalculated("B3")));
        records.ShouldAllBe(r => !r.Cells.Contains("NaN") && !r.Cells.Contains("#DIV/0!"));
    }

    [Theory]
    [InlineData("0/0", "#DIV/0!")]
    [InlineData("NA()", "#N/A")]
    [InlineData("1/0", "#DIV/0!")]
    public void Validate_FormulaErrorInAColumnTheTemplateReads_RejectsTheRowWithTheCellAndTheFixOnly(string formula, string error)
    {
        // Arrange: the error in a number fact; a second row with the same error in a column the template does not read.
        var xlsx = Build(sheet =>
        {
            string[] header = ["audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "supervision_recorded", "child_age", "scratch"];
            sheet.Cells[1, 1, 1, header.Length].LoadFromArrays([header]);
            sheet.Cells[2, 1, 3, 8].LoadFromArrays([
                ["AUD-1", "2026-11-03", "Ann", "C-1", "CP", "Team A", "Yes", "Yes"],
                ["AUD-2", "2026-11-03", "Ann", "C-2", "CP", "Team A", "Yes", "No"]]);
            sheet.Cells[2, 9].Formula = formula;
            sheet.Cells[3, 9].Value = 7d;
            sheet.Cells[3, 10].Formula = formula;
            sheet.Calculate();
        });
        var validator = new SubmissionValidator(SubmissionTestData.Template());

        // Act
        var results = XlsxSubmissionReader.Read(new MemoryStream(xlsx), "errors.xlsx").Select(validator.Validate).ToList();

        // Assert
        results[0].Rejected.ShouldNotBeNull().Reasons.ShouldBe([$"child_age: {Messages.Submissions.CellFormulaError("I2", error)}"]);
        results[0].Rejected!.Reasons[0].ShouldContain("correct the formula");
        results[1].Submission.ShouldNotBeNull("a column the template does not read is not needed");
    }

    [Fact]
    public void Validate_FormulaNeverCalculatedInARequiredAnswer_OneReasonNamingTheCellNotAlsoAnswerRequired()
    {
        var xlsx = Build(sheet =>
        {
            sheet.Cells[1, 1, 2, 8].LoadFromArrays([
                ["audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "supervision_recorded"],
                ["AUD-1", "2026-11-03", "Ann", "C-1", "CP", "Team A", null!, "Yes"]]);
            sheet.Cells[2, 7].Formula = "IF(H2=\"Yes\",\"Yes\",\"No\")";
        });
        var validator = new SubmissionValidator(SubmissionTestData.Template());

        var result = validator.Validate(XlsxSubmissionReader.Read(new MemoryStream(xlsx), "form.xlsx").Single());

        result.Rejected.ShouldNotBeNull().Reasons.ShouldBe([$"child_seen_alone: {Messages.Submissions.CellFormulaNotCalculated("G2")}"]);
    }

    [Fact]
    public void Read_FirstSheetsHidden_ReadsTheFirstVisibleSheetAndSaysWhich()
    {
        // Arrange: a hidden lookup sheet and a very hidden one before the audits.
        using var package = new ExcelPackage();
        package.Workbook.Worksheets.Add("Lookups").Cells[1, 1].Value = "Yes";
        package.Workbook.Worksheets.Add("Settings").Cells[1, 1].Value = "x";
        package.Workbook.Worksheets.Add("Audits").Cells[1, 1, 2, 2].LoadFromArrays([["audit_id", "case_ref"], ["AUD-1", "C-1"]]);
        package.Workbook.Worksheets.Add("Old audits").Cells[1, 1, 2, 2].LoadFromArrays([["audit_id", "case_ref"], ["AUD-0", "C-0"]]);
        package.Workbook.Worksheets["Lookups"].Hidden = eWorkSheetHidden.Hidden;
        package.Workbook.Worksheets["Settings"].Hidden = eWorkSheetHidden.VeryHidden;

        // Act
        var record = XlsxSubmissionReader.Read(new MemoryStream(package.GetAsByteArray()), "hidden.xlsx").Single();

        // Assert
        record.Cells[0].ShouldBe("AUD-1");
        var warning = record.SourceWarning.ShouldNotBeNull();
        warning.Code.ShouldBe(Messages.Submissions.SheetChosenCode);
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Message.ShouldBe("Sheet 'Audits' was read: the sheets before it ('Lookups', 'Settings') are hidden, and a hidden sheet is never read. If the audits are on a hidden sheet, unhide it and move it to the front.");
    }

    [Fact]
    public void Validate_HiddenFirstSheet_TheWarningIsASourceDiagnosticOnce()
    {
        using var package = new ExcelPackage();
        package.Workbook.Worksheets.Add("Lists").Hidden = eWorkSheetHidden.Hidden;
        package.Workbook.Worksheets.Add("Audits").Cells[1, 1, 3, 8].LoadFromArrays([
            ["audit_id", "audit_date", "auditor", "case_ref", "case_type", "team", "child_seen_alone", "supervision_recorded"],
            ["AUD-1", "2026-11-03", "Ann", "C-1", "CP", "Team A", "Yes", "Yes"],
            ["AUD-2", "2026-11-03", "Ann", "C-2", "CP", "Team A", "No", "Yes"]]);
        var validator = new SubmissionValidator(SubmissionTestData.Template());

        var results = XlsxSubmissionReader.Read(new MemoryStream(package.GetAsByteArray()), "lists.xlsx").Select(validator.Validate).ToList();

        results.ShouldAllBe(r => r.Submission != null);
        validator.SourceDiagnostics.Where(d => d.Code == Messages.Submissions.SheetChosenCode).ShouldHaveSingleItem().Message.ShouldStartWith("Sheet 'Audits' was read: the sheet before it, 'Lists', is hidden");
    }

    [Fact]
    public void Read_VisibleFirstSheet_NoWarning()
    {
        var xlsx = Build(sheet => sheet.Cells[1, 1, 2, 2].LoadFromArrays([["audit_id", "case_ref"], ["AUD-1", "C-1"]]));

        XlsxSubmissionReader.Read(new MemoryStream(xlsx), "plain.xlsx").Single().SourceWarning.ShouldBeNull();
    }

    private static byte[] Build(Action<ExcelWorksheet> fill)
    {
        using var package = new ExcelPackage();
        fill(package.Workbook.Worksheets.Add("Sheet1"));
        return package.GetAsByteArray();
    }
}
