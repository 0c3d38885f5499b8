using System.Globalization;
using System.Text;

namespace AuditKit.Diagnostics;

/// <summary>Message texts for expressions and rule set compilation (codes AK2xxx). Each returns the code and one sentence.</summary>
public static partial class Messages
{
    public static (string Code, string Text) ExprUnexpectedCharacter(char c) => c switch
    {
        '"' => ("AK2001", "Unexpected character '\"'; write text in single quotes, for example 'Yes'."),
        '&' => ("AK2001", "Unexpected character '&'; write 'and' to join conditions."),
        '|' => ("AK2001", "Unexpected character '|'; write 'or' to join conditions."),
        '!' => ("AK2001", "Unexpected character '!'; write 'not' before a condition, or '!=' for not equal."),
        _ => ("AK2001", $"Unexpected character {DescribeChar(c)}; expressions use names, numbers, 'quoted text' and operators such as = < and or."),
    };

    public static (string Code, string Text) ExprUnterminatedText() =>
        ("AK2002", "Text is not closed: add the closing quote ' (write '' for a quote inside text).");

    public static (string Code, string Text) ExprExpected(string expected, string after, string found) =>
        ("AK2003", $"Expected {expected} after {after}, but found {found}.");

    public static (string Code, string Text) ExprExpectedValue(string found) =>
        ("AK2004", $"Expected a value (a name, a number, 'text', true, false or a function call) but found {found}.");

    public static (string Code, string Text) ExprTooLong(int length, int limit) =>
        ("AK2005", $"The expression is {length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {limit.ToString(CultureInfo.InvariantCulture)}.");

    public static (string Code, string Text) ExprTooDeep(int limit) =>
        ("AK2006", $"The expression is nested more than {limit.ToString(CultureInfo.InvariantCulture)} deep; split it or remove brackets.");

    public static (string Code, string Text) ExprNumberTooLarge(string number) =>
        ("AK2007", $"The number '{Shorten(number)}' is too large.");

    public static (string Code, string Text) ExprBadDate(string text) =>
        ("AK2008", $"'{Shorten(text)}' is not a date; write date('YYYY-MM-DD'), for example date('2026-01-31').");

    public static (string Code, string Text) ExprEmpty() =>
        ("AK2009", "The expression is empty.");

    public static (string Code, string Text) ExprUnknownName(string name, string hint) =>
        ("AK2010", $"Unknown name '{Shorten(name)}'.{hint}");

    public static (string Code, string Text) ExprNameInOtherScope(string name, string where) =>
        ("AK2011", $"'{name}' can only be used in {where}.");

    public static (string Code, string Text) ExprUnknownFunction(string name, string hint) =>
        ("AK2012", $"Unknown function '{Shorten(name)}'.{hint}");

    public static (string Code, string Text) ExprArgumentCount(string function, string expected, int actual) =>
        ("AK2013", $"'{function}' takes {expected}, but {Count(actual, "argument")} given.");

    public static (string Code, string Text) ExprCannotCompare(string left, string right, string op) =>
        ("AK2014", $"Cannot compare {left} with {right}; '{op}' needs the same type on both sides.");

    public static (string Code, string Text) ExprOperandType(string op, string side, string actual, string needed) =>
        ("AK2015", $"'{op}' needs {needed} on its {side}, but it is {Article(actual)}.");

    public static (string Code, string Text) ExprConditionNotBool(string what, string actual) =>
        ("AK2016", $"'{what}' must be true or false, but this expression gives {Article(actual)}.");

    public static (string Code, string Text) ExprArgumentType(string function, int position, string needed, string actual) =>
        ("AK2017", $"Argument {position.ToString(CultureInfo.InvariantCulture)} of '{function}' must be {needed}, but it is {Article(actual)}.");

    public static (string Code, string Text) ExprCannotOrder(string type, string op) =>
        ("AK2018", $"Cannot use '{op}' on {type}; only numbers and dates can be ordered (use = or != for {type}).");

    public static (string Code, string Text) ExprChainedComparison(string op) =>
        ("AK2019", $"Comparisons cannot be chained: '{op}' follows another comparison; join them with 'and'.");

    public static (string Code, string Text) ExprDateNeedsText() =>
        ("AK2020", "date(...) takes the date as quoted text, for example date('2026-01-31').");

    public static (string Code, string Text) ExprCriterionOutsideCase(string name) =>
        ("AK2021", $"'{name}' is a criterion; a criterion's outcome can only be read in grading and case_actions.");

    public static (string Code, string Text) ExprDateMinusDate() =>
        ("AK2022", "Cannot subtract a date from a date; use days_between(d1, d2) or working_days_between(d1, d2).");

    public static (string Code, string Text) ExprNotAFunction(string name) =>
        ("AK2023", $"'{name}' is a name, not a function; remove the brackets after it.");

    public static (string Code, string Text) ExprMismatchedBranches(string function, string first, string second) =>
        ("AK2024", $"Both values of '{function}' must have the same type, but one is {Article(first)} and the other {Article(second)}.");

    public static (string Code, string Text) ExprListItemType(string item, string needed) =>
        ("AK2025", $"Every value in the list must be {Article(needed)} like the value before 'in', but this one is {Article(item)}.");

    public static (string Code, string Text) ExprFunctionWithoutCall(string name) =>
        ("AK2026", $"'{name}' is a function; call it with brackets, for example {name}(...).");

    public static (string Code, string Text) ExprPartlyWithoutMet(string criterion) =>
        ("AK2030", $"Criterion '{criterion}' has partly_when but no met_when, so the answer decides and partly_when is never used.");

    /// <summary>AK2091: the escalations fired as often as one session allows; what fired is kept and the rest left.</summary>
    public static (string Code, string Text) EscalationsCapped(int cap) =>
        ("AK2091", $"The escalations fired {cap.ToString(CultureInfo.InvariantCulture)} times without settling, so the rest were not raised; check the rules that use 'after'.");

    public static (string Code, string Text) RuleFailed(string ruleKey, string reason) =>
        ("AK2090", $"Rule '{ruleKey}' could not be evaluated: {reason}.");

    private static string Article(string type) => type switch
    {
        "number" => "a number",
        "date" => "a date",
        "true/false" => "true/false",
        "text" => "text",
        _ => type,
    };

    private static string Count(int n, string noun) =>
        n == 1 ? $"1 {noun} was" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s were";

    /// <summary>A character as shown in a message: 'x', or U+0001 for a control or unusual character.</summary>
    internal static string DescribeChar(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";

    /// <summary>Keeps user text in messages short and printable.</summary>
    internal static string Shorten(string text)
    {
        const int Limit = 40;
        var builder = new StringBuilder(Math.Min(text.Length, Limit) + 3);
        foreach (var c in text.Length > Limit ? text[..Limit] : text)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        if (text.Length > Limit)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }
}
