using AuditKit.Diagnostics;

namespace AuditKit.Expressions;

/// <summary>
/// The text of one expression as written in a template, and where each of its characters sits in
/// the file, so that a problem at offset 7 of the expression is reported at the right line and column
/// even inside a quoted or folded YAML scalar.
/// </summary>
public sealed class ExpressionSource
{
    private readonly int[] _lines;
    private readonly int[] _columns;

    /// <param name="text">The expression.</param>
    /// <param name="file">The file it came from.</param>
    /// <param name="lines">The line of each character of <paramref name="text"/>, plus one entry for the end.</param>
    /// <param name="columns">The column of each character, plus one entry for the end.</param>
    public ExpressionSource(string text, string file, int[] lines, int[] columns)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(columns);
        if (lines.Length != text.Length + 1 || columns.Length != text.Length + 1)
        {
            throw new ArgumentException("One position is needed for each character and one for the end.", nameof(lines));
        }

        Text = text;
        File = file;
        _lines = lines;
        _columns = columns;
    }

    public string Text { get; }

    public string File { get; }

    /// <summary>Where the expression starts in its file.</summary>
    public SourceLocation Start => LocationOf(0);

    /// <summary>An expression written on one line starting at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public static ExpressionSource Inline(string text, string file = "<inline>", int line = 1, int column = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new int[text.Length + 1];
        var columns = new int[text.Length + 1];
        for (var i = 0; i <= text.Length; i++)
        {
            lines[i] = line;
            columns[i] = column + i;
        }

        return new ExpressionSource(text, file, lines, columns);
    }

    /// <summary>The file location of the character at <paramref name="offset"/> in <see cref="Text"/>.</summary>
    public SourceLocation LocationOf(int offset)
    {
        var i = Math.Clamp(offset, 0, Text.Length);
        return new SourceLocation(File, _lines[i], _columns[i]);
    }

    public override string ToString() => Text;
}
