using System.Text;
using AuditKit.Submissions;
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
        record.ReadProblem.ShouldBe("the file is not a JSON array of objects; it must start with '['");
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
