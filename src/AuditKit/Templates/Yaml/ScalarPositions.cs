using System.Globalization;
using AuditKit.Expressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditKit.Templates.Yaml;

/// <summary>
/// Finds where each character of a scalar's value sits in the file. The raw text of the scalar is turned into
/// units (one per source character, with quotes, escapes, '' and the block header decoded or skipped); the value's
/// characters are then matched to the units in order. Every non-white-space character of a value comes from a unit
/// in order, so the first matching unit is the right one; white space produced by line folding, chomping or
/// indentation is matched loosely to the white space nearby.
/// </summary>
internal static class ScalarPositions
{
    public static ExpressionSource ToExpression(YamlSource source, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var indexes = Map(source.Text, (int)scalar.Start.Index, (int)scalar.End.Index, scalar.Style, value);
        var lines = new int[indexes.Length];
        var columns = new int[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            (lines[i], columns[i]) = source.PositionOf(indexes[i]);
        }

        return new ExpressionSource(value, source.Path, lines, columns);
    }

    /// <summary>The index in <paramref name="text"/> of each character of <paramref name="value"/>, plus one for its end.</summary>
    internal static int[] Map(string text, int start, int end, ScalarStyle style, string value)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        var (units, contentStart) = Units(text, start, end, style);
        var result = new int[value.Length + 1];
        var u = 0;
        var last = contentStart;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                if (u < units.Count && char.IsWhiteSpace(units[u].Char))
                {
                    last = units[u].Index;
                    u++;
                }
                else if (u < units.Count)
                {
                    last = units[u].Index;
                }

                result[i] = last;
                continue;
            }

            var j = u;
            while (j < units.Count && units[j].Char != c)
            {
                j++;
            }

            if (j == units.Count)
            {
                // Not found: the text and the value disagree; keep the rest at the last known place.
                for (var k = i; k < value.Length; k++)
                {
                    result[k] = last;
                }

                result[value.Length] = last;
                return result;
            }

            last = units[j].Index;
            result[i] = last;
            u = j + 1;
        }

        // The end sits just after the last visible character (a trailing line break of a block scalar would
        // otherwise put it on the next line).
        var lastVisible = value.Length - 1;
        while (lastVisible >= 0 && char.IsWhiteSpace(value[lastVisible]))
        {
            lastVisible--;
        }

        result[value.Length] = lastVisible < 0 ? contentStart : Math.Min(text.Length, result[lastVisible] + 1);
        return result;
    }

    private static (List<(char Char, int Index)> Units, int ContentStart) Units(string text, int start, int end, ScalarStyle style)
    {
        var units = new List<(char, int)>(end - start);
        var p = SkipProperties(text, start, end);
        var contentStart = p;
        switch (style)
        {
            case ScalarStyle.DoubleQuoted:
                if (p < end && text[p] == '"')
                {
                    p++;
                }

                contentStart = p;
                while (p < end && text[p] != '"')
                {
                    if (text[p] == '\\' && p + 1 < end)
                    {
                        p = Escape(text, p, end, units);
                    }
                    else
                    {
                        units.Add((text[p], p));
                        p++;
                    }
                }

                break;
            case ScalarStyle.SingleQuoted:
                if (p < end && text[p] == '\'')
                {
                    p++;
                }

                contentStart = p;
                while (p < end)
                {
                    if (text[p] == '\'')
                    {
                        if (p + 1 < end && text[p + 1] == '\'')
                        {
                            units.Add(('\'', p));
                            p += 2;
                            continue;
                        }

                        break;
                    }

                    units.Add((text[p], p));
                    p++;
                }

                break;
            case ScalarStyle.Literal:
            case ScalarStyle.Folded:
                // Skip the header line ('|-2  # comment') up to and including its line break.
                while (p < end && text[p] != '\n' && text[p] != '\r')
                {
                    p++;
                }

                contentStart = p;
                for (; p < end; p++)
                {
                    units.Add((text[p], p));
                }

                break;
            default:
                for (; p < end; p++)
                {
                    units.Add((text[p], p));
                }

                break;
        }

        return (units, contentStart);
    }

    /// <summary>Skips an anchor ('&amp;a') and a tag ('!!str') written before the scalar.</summary>
    private static int SkipProperties(string text, int p, int end)
    {
        while (p < end && (text[p] == '&' || text[p] == '!'))
        {
            while (p < end && !char.IsWhiteSpace(text[p]))
            {
                p++;
            }

            while (p < end && char.IsWhiteSpace(text[p]))
            {
                p++;
            }
        }

        return p;
    }

    /// <summary>Decodes the escape at <paramref name="p"/> (a backslash) into units placed at the backslash.</summary>
    private static int Escape(string text, int p, int end, List<(char, int)> units)
    {
        var e = text[p + 1];
        var hexLength = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (hexLength > 0)
        {
            var digits = p + 2 + hexLength <= end ? text.Substring(p + 2, hexLength) : string.Empty;
            if (digits.Length == hexLength && int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                && code is >= 0 and <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
            {
                foreach (var c in char.ConvertFromUtf32(code))
                {
                    units.Add((c, p));
                }
            }

            return Math.Min(end, p + 2 + hexLength);
        }

        if (e is '\n' or '\r')
        {
            // An escaped line break joins the lines: it adds nothing to the value.
            var next = p + 2;
            if (e == '\r' && next < end && text[next] == '\n')
            {
                next++;
            }

            return next;
        }

        char? decoded = e switch
        {
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            't' or '\t' => '\t',
            'n' => '\n',
            'v' => '\v',
            'f' => '\f',
            'r' => '\r',
            'e' => '\x1b',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'N' => '\x85',
            '_' => '\xa0',
            'L' => '\u2028',
            'P' => '\u2029',
            _ => null,
        };
        if (decoded is { } d)
        {
            units.Add((d, p));
        }

        return p + 2;
    }
}
