using AuditKit.Calendar;
using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.FollowUps.Escalations;
using AuditKit.Templates;

namespace AuditKit.Tests.FollowUps;

/// <summary>The escalations' rules engine session: chains along <c>after</c>, failures kept to their rule, a fixed order.</summary>
public class EscalationEngineTests
{
    private static readonly IWorkingDayCalendar Calendar = EnglandAndWalesCalendar.Default;

    [Fact]
    public void Fire_ChainAfterAnotherEscalation_FiresBothOnlyWhenBothHold()
    {
        // Arrange: Red three periods raises one; six periods raises the next one, after it.
        var engine = Engine(
            (Rule("red_three", EscalationSubject.Team, null, "periods_red >= 3"), null),
            (Rule("red_six", EscalationSubject.Escalation, "red_three", "periods_red >= 6"), null));

        // Act
        var (raised, failures) = engine.Fire([Team("A", 6), Team("B", 4), Team("C", 2)]);

        // Assert
        failures.ShouldBeEmpty();
        raised.Select(r => $"{r.RuleId} {r.Subject.Target.Team}").ShouldBe(["red_three A", "red_three B", "red_six A"]);
        var six = raised.Single(r => r.RuleId == "red_six");
        six.Parent!.RuleId.ShouldBe("red_three");
        EscalationPlanner.Explain(engine, six, Calendar).ShouldBe(
            "escalation red_three: periods_red >= 3 [periods_red=6] -> true; then escalation red_six: periods_red >= 6 [periods_red=6] -> true");
    }

    [Fact]
    public void Fire_ConditionThrowsForOneFact_RecordsAFailureOnThatRuleAndTheOthersFire()
    {
        // Arrange: the first rule's condition fails on team B (as a faulty rule might); the second rule is sound.
        var engine = Engine(
            (Rule("fragile", EscalationSubject.Team, null, "periods_red >= 1"), values => values[0].Text == "B" ? throw new InvalidOperationException() : true),
            (Rule("sound", EscalationSubject.Team, null, "periods_red >= 1"), null));

        // Act
        var (raised, failures) = engine.Fire([Team("A", 1), Team("B", 1)]);

        // Assert
        failures.ShouldBe([("fragile", nameof(InvalidOperationException))]);
        raised.Select(r => $"{r.RuleId} {r.Subject.Target.Team}").ShouldBe(["fragile A", "sound A", "sound B"]);
    }

    [Fact]
    public void Fire_MissingValue_NeverHolds()
    {
        // Arrange: a team with no previous period has no previous_rag.
        var engine = Engine((Rule("was_green", EscalationSubject.Team, null, "previous_rag = 'Green' and rag = 'Red'"), null));

        // Act
        var (raised, _) = engine.Fire([Team("A", 1)]);

        // Assert
        raised.ShouldBeEmpty();
    }

    private static EscalationRule Rule(string id, EscalationSubject subject, string? after, string when) =>
        new(id, subject, after, ExpressionSource.Inline(when), $"Text of {id}.", Role.ServiceManager, 10, "test", default, default, default);

    /// <summary>Compiles each rule's condition against the team names; <c>replace</c>, when given, stands in for the compiled delegate.</summary>
    private static EscalationEngine Engine(params (EscalationRule Rule, Func<Value[], bool?>? Replace)[] rules) =>
        new([.. rules.Select(r =>
        {
            var bag = new DiagnosticBag();
            var tree = ExpressionChecker.Check(r.Rule.When, EscalationLayout.Names(EscalationSubject.Team), bag, "when")
                ?? throw new InvalidOperationException(string.Join("; ", bag.ToImmutableSorted().Select(d => d.Message)));
            return (r.Rule, new CompiledCondition(r.Rule.When, tree, r.Replace ?? ExpressionCompiler.CompileCondition(tree, Calendar)));
        })]);

    /// <summary>A team figure fact: Red for <paramref name="periodsRed"/> periods running, no earlier figure known.</summary>
    private static SubjectFact Team(string team, int periodsRed) =>
        new(
            EscalationSubject.Team,
            [
                Value.FromText(team), Value.FromText("seen"), Value.FromNumber(0.2), Value.FromNumber(0.8), Value.FromText("Red"), Value.FromNumber(5),
                Value.FromNumber(5), Value.FromText("2026-11"), Value.FromNumber(periodsRed), Value.Missing, Value.Missing,
            ],
            new EscalationTarget(team, null, "seen", "2026-11", team, null, 0.2, 0.8));
}
