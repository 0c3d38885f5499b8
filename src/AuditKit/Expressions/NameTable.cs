using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace AuditKit.Expressions;

/// <summary>Where an expression is written; each place can read different names.</summary>
internal enum ExpressionScope
{
    /// <summary>A criterion's applies_when, met_when or partly_when.</summary>
    Criterion,
    Grading,
    CaseAction,
    TeamAction,
    ServiceAction,

    /// <summary>An escalation <c>for: team</c> (and those that follow it with <c>after</c>).</summary>
    EscalationTeam,
    EscalationService,
    EscalationAction,
    EscalationReaudit,
}

/// <summary>A name an expression can read: its type and the slot of the value array that holds its value.</summary>
internal sealed record NameInfo(string Name, ExprType Type, int Slot);

/// <summary>The built-in names of every scope (facts and criterion ids come from the template).</summary>
internal static class BuiltInNames
{
    private static readonly ExpressionScope[] FigureEscalations = [ExpressionScope.EscalationTeam, ExpressionScope.EscalationService];

    private static readonly ExpressionScope[] Figures =
        [ExpressionScope.TeamAction, ExpressionScope.ServiceAction, ExpressionScope.EscalationTeam, ExpressionScope.EscalationService];

    private static readonly FrozenDictionary<string, (ExprType Type, ExpressionScope[] Scopes)> Names =
        new Dictionary<string, (ExprType, ExpressionScope[])>(StringComparer.Ordinal)
        {
            ["answer"] = (ExprType.Text, [ExpressionScope.Criterion]),
            ["audit_date"] = (ExprType.Date, [ExpressionScope.Criterion, ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["case_type"] = (ExprType.Text, [ExpressionScope.Criterion, ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["team"] = (ExprType.Text, [
                ExpressionScope.Criterion, ExpressionScope.Grading, ExpressionScope.CaseAction, ExpressionScope.TeamAction,
                ExpressionScope.EscalationTeam, ExpressionScope.EscalationAction, ExpressionScope.EscalationReaudit]),
            ["service"] = (ExprType.Text, [ExpressionScope.Criterion, ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["score"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["met"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["partly"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["not_met"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["not_applicable"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["missing"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["critical_not_met"] = (ExprType.Number, [ExpressionScope.Grading, ExpressionScope.CaseAction]),
            ["grade"] = (ExprType.Text, [ExpressionScope.CaseAction]),
            ["criterion"] = (ExprType.Text, [
                ExpressionScope.TeamAction, ExpressionScope.ServiceAction, ExpressionScope.EscalationTeam, ExpressionScope.EscalationService,
                ExpressionScope.EscalationAction, ExpressionScope.EscalationReaudit]),
            ["compliance"] = (ExprType.Number, Figures),
            ["target"] = (ExprType.Number, Figures),
            ["rag"] = (ExprType.Text, Figures),
            ["applicable"] = (ExprType.Number, [ExpressionScope.TeamAction, ExpressionScope.EscalationTeam]),
            ["audits"] = (ExprType.Number, [ExpressionScope.TeamAction, ExpressionScope.EscalationTeam]),
            ["red_teams"] = (ExprType.Number, [ExpressionScope.ServiceAction, ExpressionScope.EscalationService]),
            ["amber_teams"] = (ExprType.Number, [ExpressionScope.ServiceAction, ExpressionScope.EscalationService]),
            ["teams"] = (ExprType.Number, [ExpressionScope.ServiceAction, ExpressionScope.EscalationService]),
            ["period"] = (ExprType.Text, [ExpressionScope.EscalationTeam, ExpressionScope.EscalationService, ExpressionScope.EscalationAction]),
            ["periods_red"] = (ExprType.Number, FigureEscalations),
            ["previous_rag"] = (ExprType.Text, FigureEscalations),
            ["previous_compliance"] = (ExprType.Number, FigureEscalations),
            ["scope"] = (ExprType.Text, [ExpressionScope.EscalationAction]),
            ["status"] = (ExprType.Text, [ExpressionScope.EscalationAction]),
            ["owner"] = (ExprType.Text, [ExpressionScope.EscalationAction]),
            ["escalate_to"] = (ExprType.Text, [ExpressionScope.EscalationAction]),
            ["due"] = (ExprType.Date, [ExpressionScope.EscalationAction]),
            ["action_overdue_working_days"] = (ExprType.Number, [ExpressionScope.EscalationAction]),
            ["previous_grade"] = (ExprType.Text, [ExpressionScope.EscalationReaudit]),
            ["reaudit_grade"] = (ExprType.Text, [ExpressionScope.EscalationReaudit]),
            ["reaudit_outcome"] = (ExprType.Text, [ExpressionScope.EscalationReaudit]),
            ["reaudit_working_days"] = (ExprType.Number, [ExpressionScope.EscalationReaudit]),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every built-in name, whatever its scope.</summary>
    public static IEnumerable<string> AllNames => Names.Keys;

    /// <summary>The built-in names of <paramref name="scope"/> and their types, in a fixed order.</summary>
    public static IEnumerable<(string Name, ExprType Type)> In(ExpressionScope scope) =>
        Names.Where(n => n.Value.Scopes.Contains(scope)).OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, n.Value.Type));

    public static bool TryGet(string name, out ExprType type, out IReadOnlyList<ExpressionScope> scopes)
    {
        if (Names.TryGetValue(name, out var entry))
        {
            type = entry.Type;
            scopes = entry.Scopes;
            return true;
        }

        type = default;
        scopes = [];
        return false;
    }

    /// <summary>How a scope is named in messages: the template key users write.</summary>
    public static string Display(ExpressionScope scope) => scope switch
    {
        ExpressionScope.Criterion => "criterion conditions (applies_when, met_when, partly_when)",
        ExpressionScope.Grading => "grading",
        ExpressionScope.CaseAction => "case_actions",
        ExpressionScope.TeamAction => "team_actions",
        ExpressionScope.ServiceAction => "service_actions",
        ExpressionScope.EscalationTeam => "escalations for a team",
        ExpressionScope.EscalationService => "escalations for the service",
        ExpressionScope.EscalationAction => "escalations for an action",
        ExpressionScope.EscalationReaudit => "escalations for a re-audit",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>"grading and case_actions", "team_actions, service_actions and grading".</summary>
    public static string Display(IReadOnlyList<ExpressionScope> scopes)
    {
        var names = scopes.Select(Display).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }
}

/// <summary>The names one scope can read, resolved to slots at compile time.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, NameInfo> _names;
    private readonly HashSet<string> _facts;
    private readonly HashSet<string> _criteria;

    /// <param name="scope">Where the expressions are written.</param>
    /// <param name="names">The names readable there, with their slots.</param>
    /// <param name="factIds">Every fact id of the template (for messages when a fact is read where facts are not available).</param>
    /// <param name="criterionIds">Every criterion id (for messages when an outcome is read outside grading and case_actions).</param>
    /// <param name="unknownNamesAllowed">True when names cannot all be known (a stand-alone rule set): unknown names are not reported.</param>
    public NameTable(
        ExpressionScope scope,
        IEnumerable<NameInfo> names,
        IEnumerable<string>? factIds = null,
        IEnumerable<string>? criterionIds = null,
        bool unknownNamesAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        Scope = scope;
        _names = new Dictionary<string, NameInfo>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            _names.TryAdd(name.Name, name);
        }

        _facts = [.. factIds ?? []];
        _criteria = [.. criterionIds ?? []];
        UnknownNamesAllowed = unknownNamesAllowed;
    }

    public ExpressionScope Scope { get; }

    public bool UnknownNamesAllowed { get; }

    public int Count => _names.Count;

    public IEnumerable<string> Names => _names.Keys;

    public bool TryResolve(string name, [MaybeNullWhen(false)] out NameInfo info) => _names.TryGetValue(name, out info);

    public bool IsFact(string name) => _facts.Contains(name);

    public bool IsCriterion(string name) => _criteria.Contains(name);
}
