using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>
/// Where each name of the case scopes (criterion conditions, grading, case_actions) lives in the value array:
/// facts first, then the answer, the submission's fields, the case totals, the grade and each criterion's outcome.
/// </summary>
internal sealed class CaseLayout
{
    public CaseLayout(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        FactCount = template.Facts.Length;
        CriterionCount = template.Criteria.Length;
        Answer = FactCount;
        AuditDate = FactCount + 1;
        CaseType = FactCount + 2;
        Team = FactCount + 3;
        Service = FactCount + 4;
        Score = FactCount + 5;
        Met = FactCount + 6;
        Partly = FactCount + 7;
        NotMet = FactCount + 8;
        NotApplicable = FactCount + 9;
        Missing = FactCount + 10;
        CriticalNotMet = FactCount + 11;
        Grade = FactCount + 12;
        FirstOutcome = FactCount + 13;
        Size = FirstOutcome + CriterionCount;

        var facts = template.Facts.Select((f, i) => new NameInfo(f.Id, TypeOf(f.Type), i)).ToList();
        var factIds = template.Facts.Select(f => f.Id).ToList();
        var criterionIds = template.Criteria.Select(c => c.Id).ToList();
        var submission = new List<NameInfo>
        {
            new("audit_date", ExprType.Date, AuditDate),
            new("case_type", ExprType.Text, CaseType),
            new("team", ExprType.Text, Team),
            new("service", ExprType.Text, Service),
        };
        var totals = new List<NameInfo>
        {
            new("score", ExprType.Number, Score),
            new("met", ExprType.Number, Met),
            new("partly", ExprType.Number, Partly),
            new("not_met", ExprType.Number, NotMet),
            new("not_applicable", ExprType.Number, NotApplicable),
            new("missing", ExprType.Number, Missing),
            new("critical_not_met", ExprType.Number, CriticalNotMet),
        };
        var outcomes = template.Criteria.Select((c, i) => new NameInfo(c.Id, ExprType.Text, FirstOutcome + i)).ToList();

        CriterionNames = new NameTable(
            ExpressionScope.Criterion,
            [new("answer", ExprType.Text, Answer), .. submission, .. facts],
            factIds,
            criterionIds);
        GradingNames = new NameTable(ExpressionScope.Grading, [.. submission, .. totals, .. facts, .. outcomes], factIds, criterionIds);
        CaseActionNames = new NameTable(
            ExpressionScope.CaseAction,
            [.. submission, .. totals, new("grade", ExprType.Text, Grade), .. facts, .. outcomes],
            factIds,
            criterionIds);
    }

    public int FactCount { get; }

    public int CriterionCount { get; }

    public int Answer { get; }

    public int AuditDate { get; }

    public int CaseType { get; }

    public int Team { get; }

    public int Service { get; }

    public int Score { get; }

    public int Met { get; }

    public int Partly { get; }

    public int NotMet { get; }

    public int NotApplicable { get; }

    public int Missing { get; }

    public int CriticalNotMet { get; }

    public int Grade { get; }

    public int FirstOutcome { get; }

    /// <summary>The length of the value array.</summary>
    public int Size { get; }

    public NameTable CriterionNames { get; }

    public NameTable GradingNames { get; }

    public NameTable CaseActionNames { get; }

    public static ExprType TypeOf(FactType type) => type switch
    {
        FactType.Number => ExprType.Number,
        FactType.Date => ExprType.Date,
        FactType.Bool => ExprType.Bool,
        _ => ExprType.Text,
    };
}

/// <summary>Slots of the names <c>team_actions</c> and <c>service_actions</c> read.</summary>
internal static class AggregateLayout
{
    public const int Size = 7;

    public static NameTable TeamNames(bool unknownNamesAllowed = false) => new(
        ExpressionScope.TeamAction,
        [
            new("team", ExprType.Text, 0),
            new("criterion", ExprType.Text, 1),
            new("compliance", ExprType.Number, 2),
            new("target", ExprType.Number, 3),
            new("rag", ExprType.Text, 4),
            new("applicable", ExprType.Number, 5),
            new("audits", ExprType.Number, 6),
        ],
        unknownNamesAllowed: unknownNamesAllowed);

    public static NameTable ServiceNames(bool unknownNamesAllowed = false) => new(
        ExpressionScope.ServiceAction,
        [
            new("criterion", ExprType.Text, 0),
            new("compliance", ExprType.Number, 1),
            new("target", ExprType.Number, 2),
            new("rag", ExprType.Text, 3),
            new("red_teams", ExprType.Number, 4),
            new("amber_teams", ExprType.Number, 5),
            new("teams", ExprType.Number, 6),
        ],
        unknownNamesAllowed: unknownNamesAllowed);

    public static void Fill(Value[] values, TeamCriterionFacts facts)
    {
        values[0] = Value.FromText(facts.Team);
        values[1] = Value.FromText(facts.Criterion);
        values[2] = facts.Compliance is { } c ? Value.FromNumber(c) : Value.Missing;
        values[3] = Value.FromNumber(facts.Target);
        values[4] = facts.Rag is { } rag ? Value.FromText(RagNames.Name(rag)) : Value.Missing;
        values[5] = Value.FromNumber(facts.Applicable);
        values[6] = Value.FromNumber(facts.Audits);
    }

    public static void Fill(Value[] values, ServiceCriterionFacts facts)
    {
        values[0] = Value.FromText(facts.Criterion);
        values[1] = facts.Compliance is { } c ? Value.FromNumber(c) : Value.Missing;
        values[2] = Value.FromNumber(facts.Target);
        values[3] = facts.Rag is { } rag ? Value.FromText(RagNames.Name(rag)) : Value.Missing;
        values[4] = Value.FromNumber(facts.RedTeams);
        values[5] = Value.FromNumber(facts.AmberTeams);
        values[6] = Value.FromNumber(facts.Teams);
    }
}
