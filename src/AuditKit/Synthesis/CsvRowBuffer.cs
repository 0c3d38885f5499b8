using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Text;

namespace AuditKit.Synthesis;

/// <summary>
/// Builds one CSV row at a time in a reused buffer (RFC 4180, CRLF line ends) and hands it to a
/// <see cref="TextWriter"/>, so that a file of any length is written without holding its rows.
/// </summary>
internal sealed class CsvRowBuffer
{
    public const string LineEnd = "\r\n";

    private char[] _chars = new char[1024];
    private int _length;
    private bool _rowStarted;

    /// <summary>A text value made safe for a cell (<see cref="CsvText.Field"/>).</summary>
    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CsvText.Field(text);
    }

    /// <summary>Appends a cell already made by <see cref="Cell"/> (or known to need nothing).</summary>
    public void Add(string encodedCell)
    {
        Separate();
        Append(encodedCell);
    }

    public void AddBlank() => Separate();

    public void Add(int number)
    {
        Separate();
        Ensure(11);
        number.TryFormat(_chars.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>An ISO date, yyyy-MM-dd.</summary>
    public void Add(DateOnly date)
    {
        Separate();
        Ensure(10);
        IsoDate.Format(date, _chars.AsSpan(_length));
        _length += 10;
    }

    /// <summary>A cell made of a fixed prefix and a formatted number, such as <c>C-100234</c> (prefix starts with a letter).</summary>
    public void Add(string prefix, int number, string numberFormat)
    {
        Separate();
        Append(prefix);
        Ensure(11);
        number.TryFormat(_chars.AsSpan(_length), out var written, numberFormat, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Ends the row and writes it.</summary>
    public void WriteTo(TextWriter output)
    {
        Append(LineEnd);
        output.Write(_chars, 0, _length);
        _length = 0;
        _rowStarted = false;
    }

    private void Separate()
    {
        if (_rowStarted)
        {
            Ensure(1);
            _chars[_length++] = ',';
        }

        _rowStarted = true;
    }

    private void Append(string text)
    {
        Ensure(text.Length);
        text.CopyTo(0, _chars, _length, text.Length);
        _length += text.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + extra));
        }
    }
}
