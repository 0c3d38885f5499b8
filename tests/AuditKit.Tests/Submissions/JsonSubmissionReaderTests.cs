using System.Text;
using AuditKit.Diagnostics;
using AuditKit.Submissions;
using FsCheck;
using FsCheck.Fluent;
using static AuditKit.Tests.Submissions.SubmissionTestData;

namespace AuditKit.Tests.Submissions;

public sealed class JsonSubmissionReaderTests
{
    [Fact]
    public void Read_ArrayOfObjects_GivesStringsNumbersBoolsAndNulls()
    {
        // Act
        var records = ReadJson("valid.json");

        // Assert
        records.Select(r => r.Row).ShouldBe([1, 2, 3]);
        records.ShouldAllBe(r => r.ReadProblem == null && r.Source == "valid.json");
        Cell(records[0], "audit_id").ShouldBe("A-1");
        Cell(records[0], "child_age").ShouldBe("12");
        Cell(records[1], "child_age").ShouldBe("12.5");
        Cell(records[2], "child_age").ShouldBe("-3");
        Cell(records[0], "plan_in_place").ShouldBe("true");
        Cell(records[1], "plan_in_place").ShouldBe("false");
        Cell(records[0], "practitioner").ShouldBeNull();
        Cell(records[1], "practitioner").ShouldBeNull();
        Cell(records[2], "practitioner").ShouldBe("Ali Khan");
    }

    [Fact]
    public void Read_ItemsWithSameKeys_ShareOneHeaderInstance()
    {
        // Act
        var records = ReadJson("valid.json");

        // Assert
        records.ShouldAllBe(r => ReferenceEquals(r.Header, records[0].Header));
    }

    [Fact]
    public void Read_MalformedJson_KeepsEarlierItemsAndFlagsTheItemWhereReadingStopped()
    {
        // Act
        var records = ReadJson("malformed.json");

        // Assert
        records.Count.ShouldBe(2);
        records[0].ReadProblem.ShouldBeNull();
        records[1].Row.ShouldBe(2);
        records[1].ReadProblem.ShouldBe("the JSON is not valid at line 3, so the rest of the file could not be read");
    }

    [Fact]
    public void Read_ArrayNeverClosed_FlagsProblemAfterLastItem()
    {
        // Act
        var records = ReadJson("unclosed.json");

        // Assert
        records.Count.ShouldBe(3);
        records[1].ReadProblem.ShouldBeNull();
        records[2].Row.ShouldBe(3);
        records[2].ReadProblem.ShouldNotBeNull();
    }

    [Fact]
    public void Read_NotAnArray_GivesOneFileLevelProblemRecord()
    {
        // Act
        var records = ReadJson("not-array.json");

        // Assert
        var record = records.ShouldHaveSingleItem();
        record.Row.ShouldBe(0);
        record.ReadProblem.ShouldBe("the file holds one JSON object, not an array of objects; put the object (and any others) in one array: [ {...}, {...} ]");
    }

    [Fact]
    public void Read_ItemsThatAreNotFlatObjects_AreFlaggedAndReadingGoesOn()
    {
        // Act
        var records = ReadJson("odd-items.json");

        // Assert
        records.Select(r => r.Row).ShouldBe([1, 2, 3, 4, 5]);
        records[0].ReadProblem.ShouldBeNull();
        records[1].ReadProblem.ShouldBe("item 2 is not a JSON object; each item must be an object whose keys are column names");
        records[2].ReadProblem.ShouldBe("'team' holds a list or an object; each value must be text, a number, true, false or null");
        Cell(records[2], "audit_id").ShouldBe("A-3");
        records[3].ReadProblem.ShouldBeNull();
        records[3].Header.ShouldBe(["team", "audit_id"]);
        Cell(records[3], "audit_id").ShouldBe("A-4");
        Cell(records[4], "audit_id").ShouldBe("A-5");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Read_EmptyFile_GivesNoRecords(string text)
    {
        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "e.json").ToList();

        // Assert
        records.ShouldBeEmpty();
    }

    [Fact]
    public void Read_GarbageBeforeAnyArray_GivesOneFileLevelProblemRecord()
    {
        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream("\n  nonsense"u8.ToArray()), "g.json").ToList();

        // Assert
        var record = records.ShouldHaveSingleItem();
        record.Row.ShouldBe(0);
        record.ReadProblem.ShouldBe("the JSON is not valid at line 2, so the rest of the file could not be read");
    }

    [Fact]
    public void Read_EmptyArray_GivesNoRecords()
    {
        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream("[]"u8.ToArray()), "e.json").ToList();

        // Assert
        records.ShouldBeEmpty();
    }

    [Fact]
    public void Read_StreamGivingOneByteAtATime_ReadsTheSameItems()
    {
        // Arrange
        var bytes = File.ReadAllBytes(PathOf("valid.json"));

        // Act
        var records = JsonSubmissionReader.Read(new TrickleStream(bytes), "valid.json").ToList();

        // Assert
        records.Select(r => Cell(r, "audit_id")).ShouldBe(["A-1", "A-2", "A-3"]);
        Cell(records[1], "child_age").ShouldBe("12.5");
        records.ShouldAllBe(r => r.ReadProblem == null);
    }

    [Fact]
    public void Read_ItemLargerThanBuffer_IsReadWhole()
    {
        // Arrange
        var comment = new string('x', 300_000);
        var json = $$"""[{"audit_id": "A-1", "note": "{{comment}}"}, {"audit_id": "A-2", "note": "short"}]""";

        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "big.json").ToList();

        // Assert
        records.Count.ShouldBe(2);
        Cell(records[0], "note")!.Length.ShouldBe(300_000);
        Cell(records[1], "note").ShouldBe("short");
    }

    [Fact]
    public void Read_ManyItems_StreamsWithoutReadingTheWholeFile()
    {
        // Arrange
        var json = new StringBuilder("[");
        for (var i = 0; i < 20_000; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("{\"audit_id\": \"A-").Append(i).Append("\", \"team\": \"Team A\"}");
        }

        var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.Append(']').ToString()));

        // Act
        var first = JsonSubmissionReader.Read(stream, "many.json").Take(3).ToList();

        // Assert
        first.Select(r => r.Row).ShouldBe([1, 2, 3]);
        stream.Position.ShouldBeLessThan(stream.Length / 2);
    }

    [Fact]
    public void Read_EscapedStringsAndExponents_AreReadAsText()
    {
        // Act
        var record = JsonSubmissionReader.Read(new MemoryStream("""[{"a": "line\nbreak \u00e9", "b": 1e3, "c": 0.10}]"""u8.ToArray()), "x.json").Single();

        // Assert
        record.Cells.ShouldBe(["line\nbreak é", "1e3", "0.10"]);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00x")]
    [InlineData("\xff")]
    [InlineData("\xc3\x28")]
    public void Read_InvalidTextInOneItem_RejectsThatItemWithItsLineAndReadsTheRest(string bad)
    {
        // Arrange: the second item's auditor holds a lone surrogate escape or a byte that is not UTF-8.
        var bytes = Latin1("[\n{\"audit_id\": \"A-1\"},\n{\"audit_id\": \"A-2\", \"auditor\": \"x" + bad + "y\"},\n{\"audit_id\": \"A-3\"}\n]");

        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream(bytes), "bad.json").ToList();

        // Assert
        records.Select(r => r.Row).ShouldBe([1, 2, 3]);
        records[0].ReadProblem.ShouldBeNull();
        records[1].ReadProblem.ShouldNotBeNull().ShouldStartWith("a text in this item (from line 3) is not valid");
        records[1].ReadProblem!.ShouldNotContain("x" + bad);
        Cell(records[2], "audit_id").ShouldBe("A-3");
    }

    [Theory]
    [InlineData("[{\"audit_id\": \"A-1\"}]\n[{\"audit_id\": \"A-2\"}]", 2)]
    [InlineData("[{\"audit_id\": \"A-1\"}] trailing text", 1)]
    [InlineData("[{\"audit_id\": \"A-1\"}]\n\n{}", 3)]
    [InlineData("[{\"audit_id\": \"A-1\"}],", 1)]
    public void Read_AnythingAfterTheArray_IsAnErrorAtItsLine(string json, int line)
    {
        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "two.json").ToList();

        // Assert
        records.Count.ShouldBe(2);
        records[0].ReadProblem.ShouldBeNull();
        records[1].ReadProblem.ShouldBe(Messages.Submissions.JsonAfterArray(line));
    }

    [Theory]
    [InlineData("[{\"audit_id\": \"A-1\"}]\n  \n")]
    [InlineData("[{\"audit_id\": \"A-1\"}] // exported 2026-11-30\n")]
    public void Read_WhiteSpaceOrCommentsAfterTheArray_AreFine(string json)
    {
        // Act
        var records = JsonSubmissionReader.Read(new TrickleStream(Encoding.UTF8.GetBytes(json)), "ok.json").ToList();

        // Assert
        records.Count.ShouldBe(1);
        records[0].ReadProblem.ShouldBeNull();
    }

    [Fact]
    public void Read_NeitherAnArrayNorAnObject_SaysItMustStartWithABracket()
    {
        // Act
        var records = JsonSubmissionReader.Read(new MemoryStream("\"audits\""u8.ToArray()), "one.json").ToList();

        // Assert
        records.Count.ShouldBe(1);
        records[0].ReadProblem.ShouldBe(Messages.Submissions.JsonNotArray);
    }

    [Fact]
    public void Read_GeneratedFiles_EveryItemIsReadOrFlaggedAndNothingAfterTheArrayIsIgnored()
    {
        var items = new[] { "{\"audit_id\": \"ok\"}", "{\"audit_id\": \"\\ud800\"}", "{\"audit_id\": \"\xff\"}", "12", "{\"v\": [1]}" };
        var tails = new[] { string.Empty, " ", "\n[]", "x", "// note" };
        var gen =
            from count in Gen.Choose(0, 8)
            from picks in Gen.ArrayOf(Gen.Choose(0, items.Length - 1), count)
            from tail in Gen.Choose(0, tails.Length - 1)
            from trickle in Gen.Elements(true, false)
            select (Picks: picks, Tail: tail, Trickle: trickle);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var bytes = Latin1("[" + string.Join(",\n", c.Picks.Select(p => items[p])) + "]" + tails[c.Tail]);
            Stream stream = c.Trickle ? new TrickleStream(bytes) : new MemoryStream(bytes);
            var records = JsonSubmissionReader.Read(stream, "gen.json").ToList();
            var trailing = c.Tail is 2 or 3;
            return records.Count == c.Picks.Length + (trailing ? 1 : 0)
                && records.Take(c.Picks.Length).Select((r, i) => (r.ReadProblem is null) == (c.Picks[i] == 0)).All(x => x)
                && (!trailing || records[^1].ReadProblem!.StartsWith("there is more after the array", StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
