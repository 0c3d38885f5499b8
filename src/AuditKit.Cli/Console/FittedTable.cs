using Spectre.Console;

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
/// A table whose columns are given widths that fit the console before Spectre.Console lays it out, when any of its
/// text has wide (full-width, CJK) characters: every cell is wrapped or cut here (<see cref="ConsoleCells"/>) so
/// that Spectre never has to cut a word (see <see cref="ConsoleCells"/> for why). Tables of narrow text are left to
/// Spectre, as before.
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

    /// <summary>A Spectre table for a console <paramref name="consoleWidth"/> cells wide.</summary>
    public Table Build(Table table, int consoleWidth)
    {
        ArgumentNullException.ThrowIfNull(table);
        var wide = _columns.Any(c => ConsoleCells.HasWide(c.Header.Text)) || _rows.Any(r => r.Any(c => ConsoleCells.HasWide(c.Text)));
        if (!wide)
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

        var widths = Widths(consoleWidth);
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
    /// Each column's natural width when they all fit; else columns that may not wrap keep theirs, and the others share
    /// what is left (each at most its natural width); if that is too little, every column shares the console.
    /// </summary>
    private int[] Widths(int consoleWidth)
    {
        var natural = Enumerable.Range(0, _columns.Count)
            .Select(i => Math.Max(1, _rows.Select(r => ConsoleCells.Width(r[i].Text)).Append(ConsoleCells.Width(_columns[i].Header.Text)).Max()))
            .ToArray();
        var available = Math.Max(2 * _columns.Count, consoleWidth - 1 - (CellOverhead * _columns.Count));
        if (natural.Sum() <= available)
        {
            return natural;
        }

        var wrapping = Enumerable.Range(0, _columns.Count).Where(i => _columns[i].Wrap).ToList();
        var fixedWidth = Enumerable.Range(0, _columns.Count).Where(i => !_columns[i].Wrap).Sum(i => natural[i]);
        const int Narrowest = 8;
        if (wrapping.Count > 0 && available - fixedWidth >= Narrowest * wrapping.Count)
        {
            var widths = (int[])natural.Clone();
            Share(widths, natural, wrapping, available - fixedWidth);
            return widths;
        }

        var all = new int[_columns.Count];
        Share(all, natural, Enumerable.Range(0, _columns.Count).ToList(), available);
        return all;
    }

    // Water-filling: the narrowest columns take their natural width, the rest share the remainder evenly.
    private static void Share(int[] widths, int[] natural, List<int> columns, int space)
    {
        var left = columns.OrderBy(i => natural[i]).ToList();
        while (left.Count > 0)
        {
            var share = Math.Max(2, space / left.Count);
            var column = left[0];
            if (natural[column] <= share)
            {
                widths[column] = natural[column];
                space -= natural[column];
                left.RemoveAt(0);
                continue;
            }

            foreach (var rest in left)
            {
                widths[rest] = share;
            }

            return;
        }
    }
}
