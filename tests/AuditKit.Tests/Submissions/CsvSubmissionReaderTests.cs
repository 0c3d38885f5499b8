using System.Text;
using AuditKit.Submissions;
using FsCheck;
using FsCheck.Fluent;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

public sealed class CsvSubmissionReaderTests
{
    [Fact]
    public void Read_QuotedCellsAndEmbeddedNewlines_KeepsTextAndCountsRecordsAsRows()
    {
        // Act
        var records = ReadCsv("quoted.csv");

        // Assert
        records.Select(r => r.Row).ShouldBe([2, 3, 4]);
        Cell(records[0], "child_seen_alone_comment").ShouldBe("Seen at school, alone");
        Cell(records[1], "auditor").ShouldBe("Jo \"JJ\" Smith");
        Cell(records[1], "child_seen_alone_comment").ShouldBe("Line one\nline two\nline three");
        Cell(records[1], "audit_date").ShouldBe("03/11/2026");
        Cell(records[2], "audit_id").ShouldBe("A-3");
        Cell(records[2], "child_seen_alone_comment").ShouldBeNull();
        records.ShouldAllBe(r => r.Source == "quoted.csv" && r.ReadProblem == null);
    }

    [Fact]
    public void Read_BomCrlfAndTrailingEmptyLines_StripsBomTrimsHeaderAndIgnoresBlankLines()
    {
        // Act
        var records = ReadCsv("bom-crlf.csv");

        // Assert
        records.Count.ShouldBe(2);
        records[0].Header.ShouldBe(["audit_id", "Audit_Date", "auditor", "case_ref", "case_type", "team"]);
        records[0].Cells.ShouldBe(["A-1", "2026-11-03", "Sam Patel", "C-100", "CP", "Team A"]);
        Cell(records[1], "team").ShouldBe("Team\r\nB");
        records[1].Row.ShouldBe(3);
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\n1,2\n3,4")]
    [InlineData("a,b\r1,2\r3,4\r")]
    [InlineData("\uFEFFa,b\n1,2\n3,4\n\n\n")]
    public void Read_AnyLineEnding_GivesSameRecords(string text)
    {
        // Act
        var records = CsvSubmissionReader.Read(new StringReader(text), "x.csv").ToList();

        // Assert
        records.Select(r => string.Join("|", r.Cells)).ShouldBe(["1|2", "3|4"]);
        records[0].Header.ShouldBe(["a", "b"]);
        records.Select(r => r.Row).ShouldBe([2, 3]);
    }

    [Fact]
    public void Read_RaggedRows_FlagsTooManyCellsPadsTooFewAndSkipsBlankRowsKeepingRowNumbers()
    {
        // Act
        var records = ReadCsv("ragged.csv");

        // Assert
        records.Select(r => r.Row).ShouldBe([2, 3, 4, 7]);
        records[0].ReadProblem.ShouldBeNull();
        records[1].ReadProblem.ShouldBe("the row has 7 cells but the header has 6 columns; a value that contains a comma must be in double quotes");
        records[1].Cells.Length.ShouldBe(6);
        Cell(records[1], "audit_id").ShouldBe("A-2");
        records[2].ReadProblem.ShouldBeNull();
        records[2].Cells.ShouldBe(["A-3", "2026-11-03", "Sam", "C-3", "CP", null]);
        Cell(records[3], "audit_id").ShouldBe("A-4");
    }

    [Fact]
    public void Read_UnclosedQuote_EmitsProblemRecordAtItsRowAndStops()
    {
        // Act
        var records = ReadCsv("unclosed.csv");

        // Assert
        records.Count.ShouldBe(2);
        records[0].ReadProblem.ShouldBeNull();
        records[1].Row.ShouldBe(3);
        records[1].ReadProblem.ShouldBe(
            "a quoted value that starts in this row is never closed, so the rest of the file could not be read; check for a missing closing double quote");
        Cell(records[1], "audit_id").ShouldBe("A-2");
    }

    [Fact]
    public void Read_UnclosedQuoteInHeader_EmitsOneProblemRecord()
    {
        // Act
        var records = CsvSubmissionReader.Read(new StringReader("audit_id,\"team\nA-1,x\n"), "h.csv").ToList();

        // Assert
        records.ShouldHaveSingleItem().Row.ShouldBe(1);
        records[0].ReadProblem.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("empty.csv")]
    [InlineData("header-only.csv")]
    public void Read_NoDataRows_GivesNoRecords(string file)
    {
        // Act
        var records = ReadCsv(file);

        // Assert
        records.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhitespaceCells_ReadAsNullButOtherTextKeptAsWritten()
    {
        // Act
        var record = CsvSubmissionReader.Read(new StringReader("a,b,c,d\n  ,\"  \", x ,\"\"\n"), "w.csv").Single();

        // Assert
        record.Cells.ShouldBe([null, null, " x ", null]);
    }

    [Fact]
    public void Read_CellLongerThanLimit_FlagsReadProblemWithoutHoldingIt()
    {
        // Arrange
        var text = "a,b\n1," + new string('x', CsvSubmissionReader.MaxCellLength + 10) + "\n2,ok\n";

        // Act
        var records = CsvSubmissionReader.Read(new StringReader(text), "long.csv").ToList();

        // Assert
        records[0].ReadProblem.ShouldBe("a value in this row is longer than 32767 characters");
        records[0].Cells[1]!.Length.ShouldBe(CsvSubmissionReader.MaxCellLength);
        records[1].ReadProblem.ShouldBeNull();
        records[1].Row.ShouldBe(3);
    }

    [Fact]
    public void Read_ManyRows_StreamsOneRecordAtATime()
    {
        // Arrange: a reader that fails if more than a small part of the text is read ahead.
        var reader = new CountingReader(RowsText(50_000));

        // Act
        var first = CsvSubmissionReader.Read(reader, "big.csv").Take(2).ToList();

        // Assert
        first.Count.ShouldBe(2);
        reader.CharsRead.ShouldBeLessThan(200_000);
        reader.Length.ShouldBeGreaterThan(200_000);
    }

    [Fact]
    public void Read_RowsShareOneHeaderInstance()
    {
        // Act
        var records = ReadCsv("quoted.csv");

        // Assert
        records.ShouldAllBe(r => ReferenceEquals(r.Header, records[0].Header));
    }

    [Fact]
    public void Read_ArgumentsNull_Throw()
    {
        Should.Throw<ArgumentNullException>(() => CsvSubmissionReader.Read(null!, "x"));
        Should.Throw<ArgumentNullException>(() => CsvSubmissionReader.Read(new StringReader(""), null!));
    }

    [Fact]
    public void Read_AnyCellsWrittenWithRfc4180Quoting_ReadBackExactly()
    {
        Prop.ForAll<string[][]>(rows =>
        {
            // Arrange: three columns; each cell quoted the RFC 4180 way.
            var data = (rows ?? []).Select(r => Enumerable.Range(0, 3).Select(i => r is not null && i < r.Length ? r[i] ?? string.Empty : string.Empty).ToArray()).ToList();
            var text = new StringBuilder("a,b,c\r\n");
            foreach (var row in data)
            {
                text.Append(string.Join(",", row.Select(c => "\"" + c.Replace("\"", "\"\"") + "\""))).Append("\r\n");
            }

            // Act
            var records = CsvSubmissionReader.Read(new StringReader(text.ToString()), "p.csv").ToList();

            // Assert: whitespace-only cells are null; all-blank rows are skipped but still numbered.
            var expected = data
                .Select((row, index) => (Row: index + 2, Cells: row.Select(c => string.IsNullOrWhiteSpace(c) ? null : c).ToArray()))
                .Where(r => r.Cells.Any(c => c is not null))
                .ToList();
            return records.Count == expected.Count
                && records.Zip(expected).All(p => p.First.Row == p.Second.Row && p.First.Cells.SequenceEqual(p.Second.Cells) && p.First.ReadProblem is null);
        }).QuickCheckThrowOnFailure();
    }

    private static string RowsText(int rows)
    {
        var text = new StringBuilder("audit_id,team\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append("A-").Append(i).Append(",Team A\n");
        }

        return text.ToString();
    }

    private sealed class CountingReader(string text) : TextReader
    {
        private int _position;

        public int CharsRead => _position;

        public int Length => text.Length;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(count, text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
