using System.Text;
using AuditKit.Diagnostics;

namespace AuditKit.Submissions;

/// <summary>
/// Reads submissions from CSV text (RFC 4180): a header row, then one record per row. Records are
/// streamed one at a time, so a file of any size is read in constant memory (bar one row).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Commas separate cells; a cell in double quotes may hold commas, line breaks and <c>""</c> for a quote.</item>
/// <item>Lines end with CRLF, LF or CR; a UTF-8 byte order mark at the start is ignored.</item>
/// <item>Header names are trimmed. Empty or whitespace-only cells read as null; other cells are kept as written.</item>
/// <item>Row numbers count records as a spreadsheet shows them: the header is row 1, the first data row is
/// row 2, and a record whose quoted cell spans several lines is still one row. Blank rows (no text, or only
/// commas) are skipped but still counted, so later row numbers match the spreadsheet.</item>
/// <item>A row with fewer cells than the header reads the missing cells as blank. A row with more cells, a
/// quote that is never closed, or a cell over <see cref="MaxCellLength"/> characters is not lost: it is
/// returned with <see cref="RawRecord.ReadProblem"/> set, so that validation rejects it with that reason.
/// An unclosed quote ends the reading of the file.</item>
/// </list>
/// </remarks>
public static class CsvSubmissionReader
{
    /// <summary>The longest cell kept (the most a spreadsheet cell holds); longer cells make a read problem.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>Reads the records of one CSV source. The caller owns (and disposes) <paramref name="reader"/>.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="sourceName">The file name as given, recorded on every record.</param>
    public static IEnumerable<RawRecord> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadRecords(reader, sourceName);
    }

    private static IEnumerable<RawRecord> ReadRecords(TextReader reader, string sourceName)
    {
        var parser = new CsvParser(reader);
        var cells = new List<string?>();
        IReadOnlyList<string>? header = null;
        var row = 0;
        while (true)
        {
            var status = parser.ReadRecord(cells);
            if (status == CsvParser.Status.End)
            {
                yield break;
            }

            row++;
            var unclosed = status == CsvParser.Status.UnclosedQuote;
            if (!unclosed && IsBlank(cells))
            {
                continue;
            }

            if (header is null)
            {
                var names = new string[cells.Count];
                for (var i = 0; i < names.Length; i++)
                {
                    names[i] = cells[i]?.Trim() ?? string.Empty;
                }

                header = Array.AsReadOnly(names);
                if (unclosed)
                {
                    yield return new RawRecord(sourceName, row, header, [])
                    {
                        ReadProblem = Messages.Submissions.CsvUnclosedQuote,
                    };
                    yield break;
                }

                continue;
            }

            string? problem = null;
            if (unclosed)
            {
                problem = Messages.Submissions.CsvUnclosedQuote;
            }
            else if (cells.Count > header.Count)
            {
                problem = Messages.Submissions.CsvTooManyCells(cells.Count, header.Count);
            }
            else if (parser.LastRecordHadLongCell)
            {
                problem = Messages.Submissions.CellTooLong(MaxCellLength);
            }

            var values = new string?[header.Count];
            var count = Math.Min(cells.Count, values.Length);
            for (var i = 0; i < count; i++)
            {
                values[i] = cells[i];
            }

            yield return new RawRecord(sourceName, row, header, values) { ReadProblem = problem };
            if (unclosed)
            {
                yield break;
            }
        }
    }

    private static bool IsBlank(List<string?> cells)
    {
        foreach (var cell in cells)
        {
            if (cell is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A small RFC 4180 state machine over a buffered <see cref="TextReader"/>.</summary>
    private sealed class CsvParser(TextReader reader)
    {
        private readonly char[] _buffer = new char[64 * 1024];
        private readonly StringBuilder _cell = new();
        private int _position;
        private int _length;
        private bool _started;

        public enum Status
        {
            Record,
            UnclosedQuote,
            End,
        }

        /// <summary>True when a cell of the last record was longer than <see cref="MaxCellLength"/> (and was cut).</summary>
        public bool LastRecordHadLongCell { get; private set; }

        /// <summary>Reads one record into <paramref name="cells"/> (cleared first).</summary>
        public Status ReadRecord(List<string?> cells)
        {
            cells.Clear();
            LastRecordHadLongCell = false;
            if (!_started)
            {
                _started = true;
                if (Peek() == '\uFEFF')
                {
                    _position++;
                }
            }

            if (Peek() < 0)
            {
                return Status.End;
            }

            while (true)
            {
                var cellStatus = ReadCell(out var endOfRecord);
                cells.Add(TakeCell());
                if (cellStatus == Status.UnclosedQuote)
                {
                    return Status.UnclosedQuote;
                }

                if (endOfRecord)
                {
                    return Status.Record;
                }
            }
        }

        private Status ReadCell(out bool endOfRecord)
        {
            endOfRecord = false;
            var c = Next();
            if (c == '"')
            {
                // Quoted cell: read to the closing quote; "" is one quote.
                while (true)
                {
                    c = Next();
                    if (c < 0)
                    {
                        endOfRecord = true;
                        return Status.UnclosedQuote;
                    }

                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            _position++;
                            Append('"');
                            continue;
                        }

                        break;
                    }

                    Append((char)c);
                }

                c = Next();
            }

            // Unquoted cell, or text after a closing quote (kept as written, leniently).
            while (true)
            {
                switch (c)
                {
                    case < 0:
                        endOfRecord = true;
                        return Status.Record;
                    case ',':
                        return Status.Record;
                    case '\n':
                        endOfRecord = true;
                        return Status.Record;
                    case '\r':
                        if (Peek() == '\n')
                        {
                            _position++;
                        }

                        endOfRecord = true;
                        return Status.Record;
                    default:
                        Append((char)c);
                        break;
                }

                c = Next();
            }
        }

        private void Append(char c)
        {
            if (_cell.Length < MaxCellLength)
            {
                _cell.Append(c);
            }
            else
            {
                LastRecordHadLongCell = true;
            }
        }

        private string? TakeCell()
        {
            if (_cell.Length == 0)
            {
                return null;
            }

            var blank = true;
            foreach (var chunk in _cell.GetChunks())
            {
                if (!chunk.Span.IsWhiteSpace())
                {
                    blank = false;
                    break;
                }
            }

            var value = blank ? null : _cell.ToString();
            _cell.Clear();
            return value;
        }

        private int Peek()
        {
            if (_position < _length || Fill())
            {
                return _buffer[_position];
            }

            return -1;
        }

        private int Next()
        {
            if (_position < _length || Fill())
            {
                return _buffer[_position++];
            }

            return -1;
        }

        private bool Fill()
        {
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            return _length > 0;
        }
    }
}
