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

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex FieldIdPattern();
}
