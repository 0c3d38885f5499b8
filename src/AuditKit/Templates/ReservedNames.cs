using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AuditKit.Expressions;

namespace AuditKit.Templates;

/// <summary>
/// Names a fact or criterion id may not take: the names the expression language provides, its functions and
/// words, and the fixed submission columns (a fact or criterion id is also a submission column).
/// </summary>
internal static partial class ReservedNames
{
    /// <summary>The fixed submission columns that are not also expression names.</summary>
    private static readonly string[] FixedColumns = ["audit_id", "auditor", "case_ref", "practitioner", "template", "overall_grade", "moderates"];

    public static readonly FrozenSet<string> All = BuiltInNames.AllNames
        .Concat(Functions.ByName.Keys)
        .Concat(Lexer.Keywords.Keys)
        .Concat(FixedColumns)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Template and rule set ids: <c>[a-z0-9-]+</c>.</summary>
    public static bool IsFileId(string id) => FileIdPattern().IsMatch(id);

    /// <summary>Fact and criterion ids: <c>[a-z][a-z0-9_]*</c>.</summary>
    public static bool IsFieldId(string id) => FieldIdPattern().IsMatch(id);

    /// <summary>Standard ids (a criterion's <c>standard</c>): snake_case, words of lower-case letters and digits joined by single '_'.</summary>
    public static bool IsStandardId(string id) => StandardIdPattern().IsMatch(id);

    /// <summary>
    /// The snake_case form of a standard id written otherwise ('Seen Alone', 'seen-alone' and 'SeenAlone' give 'seen_alone'), or
    /// null when it has no letters or digits, or does not start with a letter.
    /// </summary>
    public static string? SnakeCase(string text)
    {
        var words = SnakeWordPattern().Matches(text.Trim()).Select(m => m.Value.ToLowerInvariant());
        var joined = string.Join('_', words);
        return joined.Length > 0 && joined[0] is >= 'a' and <= 'z' && IsStandardId(joined) ? joined : null;
    }

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex FieldIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*(_[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex StandardIdPattern();

    // A word: capitals then lower-case letters (SeenAlone -> Seen, Alone), a run of capitals (CP), or digits.
    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeWordPattern();
}
