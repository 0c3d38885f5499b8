using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AuditKit.Templates;

/// <summary>
/// Names a fact or criterion id may not take: the names the expression language provides, its functions and
/// words, and the fixed submission columns (a fact or criterion id is also a submission column).
/// </summary>
internal static partial class BuiltInNames
{
    public static readonly FrozenSet<string> All = new[]
    {
        // names in expressions
        "answer", "audit_date", "case_type", "team", "service", "score", "met", "partly", "not_met", "not_applicable",
        "missing", "critical_not_met", "grade", "criterion", "compliance", "target", "rag", "applicable", "audits",
        "red_teams", "amber_teams", "teams",

        // functions and words
        "is_blank", "coalesce", "days_between", "working_days_between", "lower", "contains", "length", "min", "max",
        "if", "date", "and", "or", "not", "in", "true", "false",

        // fixed submission columns
        "audit_id", "auditor", "case_ref", "practitioner", "template", "overall_grade",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Template and rule set ids: <c>[a-z0-9-]+</c>.</summary>
    public static bool IsFileId(string id) => FileIdPattern().IsMatch(id);

    /// <summary>Fact and criterion ids: <c>[a-z][a-z0-9_]*</c>.</summary>
    public static bool IsFieldId(string id) => FieldIdPattern().IsMatch(id);

    [GeneratedRegex(@"^[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileIdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex FieldIdPattern();
}
