using AuditKit.Evaluation;
using AuditKit.Runs;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Evaluation;

public sealed class CaseActionIdHasherTests
{
    [Fact]
    public void HashAll_ManyActions_GivesEachTheRuleSetsIdHash()
    {
        // Audit ids short and long (past what two blocks hold), with accents, across every rule and a few teams.
        var rules = SyntheticAudits.QualityOfPractice();
        var subjects = new CaseActionSubjects();
        var random = new Random(4);
        string[] teams = ["Team A", "Équipe Nord", "A team with a rather long name that fills most of a block"];
        var actions = new CompactCaseAction[3000];
        for (var i = 0; i < actions.Length; i++)
        {
            var auditId = (i % 7) switch
            {
                0 => "QA-" + new string('9', 100),
                1 => "QA-é-" + i,
                _ => "QA-2026-09-" + i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture),
            };
            var subject = subjects.Add(auditId, "C-" + i, teams[random.Next(teams.Length)], null, "Auditor");
            actions[i] = new CompactCaseAction(subject, random.Next(rules.CaseActionRuleCount), 740_000, 0);
        }

        new CaseActionIdHasher(rules).HashAll(actions, subjects);

        foreach (var action in actions)
        {
            var expected = rules.CaseActionIdHash(action.Rule, subjects[action.Subject].Team, new string(subjects.AuditIdOf(action.Subject)));
            action.IdHash.ShouldBe(expected);
        }
    }
}
