using Spectre.Console;
using Spectre.Console.Rendering;

namespace AuditKit.Cli.Console;

/// <summary>One cell: its text as the terminal shows it, and the markup that draws it (escaped, maybe coloured).</summary>
internal readonly record struct TableCell(string Text, string Markup)
{
    public static TableCell Plain(string text)
    {
        var safe = TerminalText.Escape(text);
        return new(safe, Spectre.Console.Markup.Escape(safe));
    }

    public static TableCell Styled(string text, string style)
    {
        var safe = TerminalText.Escape(text);
        return new(safe, $"[{style}]{Spectre.Console.Markup.Escape(safe)}[/]");
    }
}

/// <summary>
/// A table laid out for the console's width before Spectre.Console draws it, so that no text is ever cut:
/// <list type="bullet">
/// <item>when every column fits at its natural width, Spectre draws it as it is;</item>
/// <item>else every column gets at least its longest word (columns that may not wrap, their cells' whole text), the rest of
/// the width is shared out evenly, those that lack least filled first, and every cell is wrapped here at its spaces
/// (<see cref="ConsoleCells"/>: Spectre 0.49 cuts words, and throws or loops on wide characters, when it narrows a
/// column itself);</item>
/// <item>and when even the longest words do not fit side by side, each row is printed as lines of its own: the first
/// column's text, then "heading: value; ..." for the others, wrapped to the width.</item>
/// </list>
/// </summary>
internal sealed class FittedTable
{
    // Each column takes its width plus a space either side and a border on its right; the table one more border.
    private const int CellOverhead = 3;

    private readonly List<(TableCell Header, bool Right, bool Wrap)> _columns = [];
    private readonly List<TableCell[]> _rows = [];

    public FittedTable AddColumn(TableCell header, bool right = false, bool wrap = true)
    {
        _columns.Add((header, right, wrap));
        return this;
    }

    public FittedTable AddRow(params TableCell[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"A row needs {_columns.Count} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>The table's width in cells when no column is narrowed.</summary>
    public static int NaturalWidth(IEnumerable<int> columnWidths) => 1 + columnWidths.Sum(w => w + CellOverhead);

    /// <summary>
    /// Something to draw on a console <paramref name="consoleWidth"/> cells wide: <paramref name="table"/> (with its
    /// title and border) filled in, or, when the columns cannot fit side by side, the rows one after another.
    /// </summary>
    public IRenderable Build(Table table, int consoleWidth)
    {
        ArgumentNullException.ThrowIfNull(table);
        var natural = Enumerable.Range(0, _columns.Count)
            .Select(i => Math.Max(1, _rows.Select(r => ConsoleCells.Width(r[i].Text)).Append(ConsoleCells.Width(_columns[i].Header.Text)).Max()))
            .ToArray();
        var available = consoleWidth - NaturalWidth(new int[_columns.Count]);
        var wide = _columns.Any(c => ConsoleCells.HasWide(c.Header.Text)) || _rows.Any(r => r.Any(c => ConsoleCells.HasWide(c.Text)));
        if (natural.Sum() <= available && !wide)
        {
            foreach (var (header, right, wrap) in _columns)
            {
                var column = new TableColumn(header.Markup);
                column = right ? column.RightAligned() : column;
                table.AddColumn(wrap ? column : column.NoWrap());
            }

            foreach (var row in _rows)
            {
                table.AddRow(row.Select(c => c.Markup).ToArray());
            }

            return table;
        }

        if (Widths(natural, available) is not { } widths)
        {
            return Stacked(table.Title?.Text, consoleWidth);
        }

        for (var i = 0; i < _columns.Count; i++)
        {
            var (header, right, _) = _columns[i];
            var column = new TableColumn(Fitted(header, widths[i], wrap: true)).Width(widths[i]).NoWrap();
            table.AddColumn(right ? column.RightAligned() : column);
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select((c, i) => Fitted(c, widths[i], _columns[i].Wrap)).ToArray());
        }

        return table;
    }

    private static string Fitted(TableCell cell, int width, bool wrap)
    {
        if (ConsoleCells.Width(cell.Text) <= width)
        {
            return cell.Markup;
        }

        return Markup.Escape(wrap ? ConsoleCells.Wrap(cell.Text, width) : ConsoleCells.Fit(cell.Text, width));
    }

    /// <summary>
    /// Each column's least width (its longest word, or the whole of each cell of a column that may not wrap), and what is left of
    /// <paramref name="available"/> shared out towards the natural widths; null when the least widths do not fit.
    /// </summary>
    private int[]? Widths(int[] natural, int available)
    {
        var least = new int[_columns.Count];
        for (var i = 0; i < _columns.Count; i++)
        {
            // A column that may not wrap keeps its cells whole; its heading may still wrap at its spaces.
            least[i] = Math.Max(1, _columns[i].Wrap
                ? _rows.Select(r => LongestWord(r[i].Text)).Append(LongestWord(_columns[i].Header.Text)).Max()
                : _rows.Select(r => ConsoleCells.Width(r[i].Text)).Append(LongestWord(_columns[i].Header.Text)).Max());
        }

        var space = available - least.Sum();
        if (space < 0)
        {
            return null;
        }

        // What is left is shared out evenly, the columns that lack least filled first: short texts stay on one line.
        var widths = (int[])least.Clone();
        var growing = Enumerable.Range(0, _columns.Count).Where(i => natural[i] > widths[i]).OrderBy(i => natural[i] - widths[i]).ToList();
        while (growing.Count > 0 && space > 0)
        {
            var share = Math.Max(1, space / growing.Count);
            var column = growing[0];
            var grow = Math.Min(share, natural[column] - widths[column]);
            widths[column] += grow;
            space -= grow;
            growing.RemoveAt(0);
            if (widths[column] < natural[column])
            {
                // Still short: it takes another share in turn.
                growing.Add(column);
            }
        }

        return widths;
    }

    /// <summary>Each row as a bold line of the first column's text, then "heading: value; ..." for the others, wrapped under it.</summary>
    private Rows Stacked(string? title, int consoleWidth)
    {
        var lines = new List<IRenderable>();
        if (title is not null)
        {
            lines.Add(new Markup(title));
        }

        var width = Math.Max(4, consoleWidth);
        foreach (var row in _rows)
        {
            lines.Add(new Markup("[bold]" + Markup.Escape(ConsoleCells.Wrap(row[0].Text, width)) + "[/]"));
            var values = Enumerable.Range(1, _columns.Count - 1)
                .Where(i => row[i].Text.Length > 0)
                .Select(i => $"{_columns[i].Header.Text.Replace('\n', ' ')}: {row[i].Text}");
            var text = string.Join("; ", values);
            if (text.Length > 0)
            {
                lines.Add(new Markup("  " + Markup.Escape(ConsoleCells.Wrap(text, width - 2).Replace("\n", "\n  ", StringComparison.Ordinal))));
            }
        }

        return new Rows(lines);
    }

    private static int LongestWord(string text)
    {
        var longest = 0;
        foreach (var line in text.Split('\n'))
        {
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                longest = Math.Max(longest, ConsoleCells.Width(word));
            }
        }

        return longest;
    }
}
