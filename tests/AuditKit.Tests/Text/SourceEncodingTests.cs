using System.Text;
using AuditKit.Text;
using FsCheck;
using FsCheck.Fluent;

namespace AuditKit.Tests.Text;

public sealed class SourceEncodingTests
{
    // Characters of names and text in UK case files that Windows-1252 can hold, and some it cannot (for UTF-8 and UTF-16).
    private const string Western = "abcXYZ 019,\"'-\r\nÁáÉéÍíÓóÚúÀàÈèÇçÑñÖöÜüßØøÆæÅå€£“”‘’–—…";
    private const string Beyond = "ŁłŚśŻżĆćŃńĞğŞşİıАаЖжΩω児童保護남부🙂";

    [Fact]
    public void Detect_AnyWindows1252Text_ReadsBackAsWritten()
    {
        // As in names and sentences, each non-ASCII character is followed by an ASCII one: a Windows-1252 pair such as
        // 'Ç£' is also valid UTF-8, and no detector can tell them apart.
        var pieces = Western.Select(c => c > 0x7F ? c + "n" : c.ToString()).ToArray();
        var gen = Gen.ArrayOf(Gen.Elements(pieces)).Select(string.Concat).Where(t => t.Any(ch => ch > 0x7F));
        Prop.ForAll(gen.ToArbitrary(), text => Read(SourceEncoding.Windows1252.GetBytes(text)) == text).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Detect_AnyUtf8TextWithOrWithoutAMark_ReadsBackAsWritten()
    {
        var gen =
            from chars in Gen.ArrayOf(Gen.Elements((Western + Beyond).EnumerateRunes().Select(r => r.ToString()).ToArray()))
            from mark in Gen.Elements(true, false)
            select (Text: string.Concat(chars), Mark: mark);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var bytes = (c.Mark ? new UTF8Encoding(true).GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(c.Text)).ToArray();
            return Read(bytes) == c.Text && SourceEncoding.Decode(bytes) == c.Text;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Detect_Utf16_ByItsMarkOrItsZeroBytes(bool bigEndian, bool mark)
    {
        var text = "audit_id,team\r\nA1,Siobhán Ó Briain\r\nA2,Łódź team 児童\r\n";
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: mark);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

        Read(bytes).ShouldBe(text);
        SourceEncoding.Decode(bytes).ShouldBe(text);
    }

    [Fact]
    public void Detect_Utf8CharactersAcrossEveryChunkBoundary_StayUtf8()
    {
        // 64 KB chunks: put a multi-byte character across the boundary at every offset it can have.
        for (var shift = 0; shift < 4; shift++)
        {
            var text = new string('a', (64 * 1024) - shift) + "🙂é€" + new string('b', 70_000) + "ó";
            Read(Encoding.UTF8.GetBytes(text)).ShouldBe(text);
        }
    }

    [Fact]
    public void Detect_ABadByteFarIntoALargeFile_IsWindows1252()
    {
        var text = new string('a', 200_000) + "Siobhán";

        Read(SourceEncoding.Windows1252.GetBytes(text)).ShouldBe(text);
    }

    [Fact]
    public void Detect_PutsTheStreamBackWhereItWas()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("abc"));
        stream.Position = 1;

        SourceEncoding.Detect(stream);

        stream.Position.ShouldBe(1);
    }

    private static string Read(byte[] bytes)
    {
        using var reader = SourceEncoding.OpenReader(new MemoryStream(bytes));
        return reader.ReadToEnd();
    }
}
