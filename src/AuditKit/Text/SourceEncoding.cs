using System.Text;

namespace AuditKit.Text;

/// <summary>
/// The encoding of a text file (CSV, a template, a team directory), detected from its bytes so that no name is ever
/// read as replacement characters: a byte order mark says; else UTF-16 without a mark shows by its zero bytes; else
/// the whole file is valid UTF-8; else it is Windows-1252, which is what Excel's "CSV (Comma delimited)" writes on
/// UK Windows (every byte is a character in it).
/// </summary>
public static class SourceEncoding
{
    private const int SniffBytes = 4096;

    /// <summary>UTF-8 that never throws (a detected UTF-8 file is valid) and writes no byte order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Windows-1252 (Western European), from the platform's code pages.</summary>
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The platform has no Windows-1252 code page.");

    /// <summary>
    /// The encoding of <paramref name="stream"/>'s text, read from where it is to the end; a seekable stream is put
    /// back where it was.
    /// </summary>
    public static Encoding Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable: its bytes are read twice.", nameof(stream));
        }

        var start = stream.Position;
        try
        {
            var buffer = new byte[64 * 1024];
            var head = Fill(stream, buffer, 0);
            var first = DetectStart(buffer.AsSpan(0, head));
            if (first is not null)
            {
                return first;
            }

            // Valid UTF-8 all the way: each chunk is checked up to its last whole character, the rest carried over.
            var carried = 0;
            var filled = head;
            while (true)
            {
                var span = buffer.AsSpan(0, filled);
                var whole = filled < buffer.Length ? filled : WholeCharacters(span);
                if (!System.Text.Unicode.Utf8.IsValid(span[..whole]))
                {
                    return Windows1252;
                }

                if (filled < buffer.Length)
                {
                    return Utf8;
                }

                carried = filled - whole;
                span[whole..].CopyTo(buffer);
                filled = Fill(stream, buffer, carried);
                if (filled == carried)
                {
                    return System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, carried)) ? Utf8 : Windows1252;
                }
            }
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>The encoding of text held whole in <paramref name="bytes"/>.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes) =>
        DetectStart(bytes) ?? (System.Text.Unicode.Utf8.IsValid(bytes) ? Utf8 : Windows1252);

    /// <summary>The text of <paramref name="bytes"/> in its detected encoding, without a byte order mark.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var encoding = Detect(bytes);
        var preamble = encoding == Utf8 ? Encoding.UTF8.Preamble : encoding.Preamble;
        if (preamble.Length > 0 && bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        return encoding.GetString(bytes);
    }

    /// <summary>A reader of <paramref name="stream"/>'s text in its detected encoding (the reader drops a byte order mark).</summary>
    public static StreamReader OpenReader(Stream stream) =>
        new(stream, Detect(stream), detectEncodingFromByteOrderMarks: true);

    /// <summary>What the byte order mark or the zero bytes at the start say; null when they say nothing.</summary>
    private static Encoding? DetectStart(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        // UTF-16 without a mark: text in Latin letters has a zero byte in every other place. Text files hold no NULs.
        var sniff = bytes[..Math.Min(bytes.Length, SniffBytes)];
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sniff.Length; i++)
        {
            if (sniff[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenZeros++;
                }
                else
                {
                    oddZeros++;
                }
            }
        }

        var pairs = sniff.Length / 2;
        if (pairs > 0 && oddZeros > pairs / 4 && oddZeros > evenZeros * 4)
        {
            return Encoding.Unicode;
        }

        if (pairs > 0 && evenZeros > pairs / 4 && evenZeros > oddZeros * 4)
        {
            return Encoding.BigEndianUnicode;
        }

        return null;
    }

    /// <summary>How many bytes of <paramref name="span"/> end on a whole UTF-8 character (up to 3 bytes of one may be cut off).</summary>
    private static int WholeCharacters(ReadOnlySpan<byte> span)
    {
        var end = span.Length;
        for (var back = 1; back <= Math.Min(3, span.Length); back++)
        {
            var b = span[end - back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: look further back for its lead
            }

            // A lead byte (or ASCII): cut before it unless its sequence is complete.
            var length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? end - back : end;
        }

        return end;
    }

    private static int Fill(Stream stream, byte[] buffer, int offset)
    {
        var filled = offset;
        while (filled < buffer.Length)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
