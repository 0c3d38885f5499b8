using System.Runtime.CompilerServices;
using AuditKit.FollowUps;

namespace AuditKit.Evaluation;

/// <summary>
/// Hashes the ids of the case actions a rule set raises: the same numbers as
/// <see cref="CompiledRuleSet.CaseActionIdHash"/>, with each rule and team's shared start of the message hashed once.
/// </summary>
/// <remarks>One instance per thread: it keeps what it has hashed.</remarks>
internal sealed class CaseActionIdHasher
{
    private readonly CompiledRuleSet _rules;
    private readonly Dictionary<string, Sha256WithPrefix>?[] _byRule;

    public CaseActionIdHasher(CompiledRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _byRule = new Dictionary<string, Sha256WithPrefix>?[rules.CaseActionRuleCount];
    }

    /// <summary>The id hash of the action case action rule <paramref name="rule"/> raises for audit <paramref name="auditId"/> of <paramref name="team"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Hash(int rule, string team, string auditId)
    {
        var byTeam = _byRule[rule] ??= new Dictionary<string, Sha256WithPrefix>(StringComparer.Ordinal);
        if (!byTeam.TryGetValue(team, out var prefix))
        {
            prefix = ActionIds.Prefix(_rules.Template.Id, _rules.CaseActionRuleKey(rule), team);
            byTeam.Add(team, prefix);
        }

        return ActionIds.Hash(prefix, auditId, _rules.CaseActionCriterion(rule));
    }
}
