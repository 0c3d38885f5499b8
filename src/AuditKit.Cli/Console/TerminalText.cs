using System.Buffers;
using System.Globalization;
using System.Text;

namespace AuditKit.Cli.Console;

/// <summary>
/// Text made safe to print: control characters (an escape sequence, a newline in a file name that would forge a
/// line of output) and bidirectional overrides are shown as <c>\u001B</c> and the like, never sent raw.
/// </summary>
internal static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat(Enumerable.Range(0x202A, 5)).Concat(Enumerable.Range(0x2066, 4)).Select(c => (char)c)));

    /// <summary><paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.AsSpan().IndexOfAny(Unsafe);
        if (at < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (Unsafe.Contains(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary><see cref="Escape(string)"/> for text that may be null.</summary>
    public static string? EscapeOrNull(string? text) => text is null ? null : Escape(text);
}
