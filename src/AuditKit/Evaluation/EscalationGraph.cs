using AuditKit.Diagnostics;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>
/// Checks how a rule book's escalations follow each other: ids unique, each <c>after</c> naming an escalation, no loop, and
/// <c>owner: escalate_to</c> only in chains that start from an action. Gives each escalation the subject its chain starts from.
/// </summary>
internal static class EscalationGraph
{
    /// <param name="wholeRuleBook">False for a stand-alone rule set file, whose <c>after</c> may name an escalation of
    /// another rule set of the template: links that leave the file are left for the template's check.</param>
    /// <returns>The subject each escalation's chain starts from, for those whose chain is sound.</returns>
    public static Dictionary<string, EscalationSubject> Check(IReadOnlyList<EscalationRule> rules, DiagnosticBag diagnostics, bool wholeRuleBook)
    {
        var byId = new Dictionary<string, EscalationRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!byId.TryAdd(rule.Id, rule))
            {
                diagnostics.Add(Messages.Templates.DuplicateEscalation(rule.Location, rule.Id, byId[rule.Id].Location.Line));
            }
        }

        var roots = new Dictionary<string, EscalationSubject>(StringComparer.Ordinal);
        var reportedLoops = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in byId.Values)
        {
            var chain = new List<string> { rule.Id };
            var current = rule;
            EscalationSubject? root = null;
            while (true)
            {
                if (current.After is null)
                {
                    root = current.For;
                    break;
                }

                if (!byId.TryGetValue(current.After, out var next))
                {
                    if (wholeRuleBook && current == rule)
                    {
                        diagnostics.Add(Messages.Templates.EscalationAfterUnknown(
                            rule.AfterAt, rule.After!, [.. byId.Keys.Where(k => k != rule.Id).Order(StringComparer.Ordinal)]));
                    }

                    break;
                }

                if (chain.Contains(next.Id))
                {
                    var loop = chain.SkipWhile(id => id != next.Id).Append(next.Id).ToList();
                    if (loop[0] == rule.Id && reportedLoops.Add(string.Join(" ", loop.Skip(1).Order(StringComparer.Ordinal))))
                    {
                        diagnostics.Add(Messages.Templates.EscalationLoop(rule.AfterAt, loop));
                    }

                    break;
                }

                chain.Add(next.Id);
                current = next;
            }

            if (root is not { } subject)
            {
                continue;
            }

            roots[rule.Id] = subject;
            if (rule.Owner is null && subject != EscalationSubject.Action)
            {
                diagnostics.Add(Messages.Templates.EscalateToOwner(rule.OwnerAt, Describe(subject)));
            }
        }

        return roots;
    }

    private static string Describe(EscalationSubject subject) => subject switch
    {
        EscalationSubject.Team => "a team's figures",
        EscalationSubject.Service => "the service's figures",
        _ => "a re-audit",
    };
}
