using AuditKit.Synthesis;

namespace AuditKit.Tests.Synthesis;

public sealed class CsvRowBufferTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+44", "'+44")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    public void Cell_Text_EscapedThenQuoted(string text, string expected)
    {
        CsvRowBuffer.Cell(text).ShouldBe(expected);
    }

    [Fact]
    public void WriteTo_MixedCells_OneCrlfRow()
    {
        var row = new CsvRowBuffer();
        var output = new StringWriter();

        row.Add("QA-2026-01-", 42, "D5");
        row.Add(new DateOnly(2026, 1, 5));
        row.AddBlank();
        row.Add(17);
        row.Add(CsvRowBuffer.Cell("x, y"));
        row.WriteTo(output);
        row.Add("next");
        row.WriteTo(output);

        output.ToString().ShouldBe("QA-2026-01-00042,2026-01-05,,17,\"x, y\"\r\nnext\r\n");
    }
}
