
namespace AuditKit.Text;

/// <summary>Keeps user text from being read as a formula by Excel or LibreOffice.</summary>
public static class SpreadsheetSafety
{
    /// <summary>
    /// Text that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage return, which some
    /// programs skip before one) gets a leading apostrophe, so it is shown as text and never run.
    /// </summary>
    public static string? EscapeFormula(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>True when <paramref name="text"/> would be read as a formula if written as is.</summary>
    public static bool LooksLikeFormula(string? text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
