using System.Text;
using Spectre.Console.Rendering;

namespace AuditKit.Cli.Console;

/// <summary>
/// Text measured in terminal cells, as Spectre.Console measures it: a full-width or CJK character takes two cells.
/// Spectre.Console 0.49 cuts a word that is wider than its column by counting cells as if they were characters,
/// which throws or loops for ever on wide characters; so text with wide characters is wrapped and cut here, to
/// widths it never needs to cut.
/// </summary>
internal static class ConsoleCells
{
    private const string Ellipsis = "…";

    /// <summary>The cells <paramref name="text"/> takes on its widest line.</summary>
    public static int Width(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var widest = 0;
        foreach (var line in text.Split('\n'))
        {
            widest = Math.Max(widest, new Segment(line).CellCount());
        }

        return widest;
    }

    /// <summary>True when some character of <paramref name="text"/> takes more than one cell.</summary>
    public static bool HasWide(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value > 0x7F && RuneWidth(rune) > 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> on one line of at most <paramref name="width"/> cells, ending in '…' when cut.</summary>
    public static string Fit(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Replace('\n', ' ');
        if (Width(line) <= width)
        {
            return line;
        }

        var result = new StringBuilder();
        var used = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var cells = RuneWidth(rune);
            if (used + cells > width - 1)
            {
                break;
            }

            result.Append(rune.ToString());
            used += cells;
        }

        return result.Append(width > 0 ? Ellipsis : string.Empty).ToString();
    }

    /// <summary>
    /// <paramref name="text"/> wrapped at spaces into lines of at most <paramref name="width"/> cells (at least 2), a
    /// word wider than that broken between characters. Lines are joined with '\n'.
    /// </summary>
    public static string Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        width = Math.Max(2, width);
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            var used = 0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var cells = Width(word);
                if (used > 0 && used + 1 + cells <= width)
                {
                    line.Append(' ').Append(word);
                    used += 1 + cells;
                    continue;
                }

                if (used > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    used = 0;
                }

                foreach (var rune in word.EnumerateRunes())
                {
                    var runeCells = RuneWidth(rune);
                    if (used > 0 && used + runeCells > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        used = 0;
                    }

                    line.Append(rune.ToString());
                    used += runeCells;
                }
            }

            lines.Add(line.ToString());
        }

        return string.Join('\n', lines);
    }

    private static int RuneWidth(Rune rune) => new Segment(rune.ToString()).CellCount();
}
