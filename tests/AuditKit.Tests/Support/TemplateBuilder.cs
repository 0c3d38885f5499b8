using System.Collections.Immutable;
using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.Tests.Support;

/// <summary>Builds small templates in code for tests that do not need YAML.</summary>
internal sealed class TemplateBuilder
{
    private readonly List<FactDefinition> _facts = [];
    private readonly List<CriterionDefinition> _criteria = [];
    private readonly List<GradingRule> _grading = [];
    private readonly List<ActionRule> _caseActions = [];
    private readonly List<ActionRule> _teamActions = [];
    private readonly List<ActionRule> _serviceActions = [];
    private string _id = "test-template";
    private ScoringOptions _scoring = ScoringOptions.Default;
    private ImmutableArray<string> _appliesTo = ["CIN", "CP", "LAC"];

    public TemplateBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    public TemplateBuilder WithScoring(ScoringOptions scoring)
    {
        _scoring = scoring;
        return this;
    }

    public TemplateBuilder AppliesTo(params string[] caseTypes)
    {
        _appliesTo = [.. caseTypes];
        return this;
    }

    public TemplateBuilder Fact(string id, FactType type, bool required = false, params string[] choices)
    {
        _facts.Add(new FactDefinition { Id = id, Type = type, Required = required, Choices = [.. choices] });
        return this;
    }

    public TemplateBuilder Criterion(
        string id,
        bool critical = false,
        double? target = null,
        bool required = true,
        string? appliesWhen = null,
        string? metWhen = null,
        string? partlyWhen = null,
        CriterionAction? action = null,
        string section = "Section")
    {
        _criteria.Add(new CriterionDefinition
        {
            Id = id,
            Section = section,
            Text = $"Text of {id}.",
            Critical = critical,
            Target = target ?? _scoring.DefaultTarget,
            Required = required,
            AppliesWhen = Expr(appliesWhen),
            MetWhen = Expr(metWhen),
            PartlyWhen = Expr(partlyWhen),
            Action = action,
        });
        return this;
    }

    public TemplateBuilder Grade(string grade, string when)
    {
        _grading.Add(new GradingRule(grade, ExpressionSource.Inline(when), _id, default));
        return this;
    }

    public TemplateBuilder CaseAction(string when, string text, Role owner = Role.TeamManager, int days = 5, Role? escalateTo = null) =>
        AddAction(_caseActions, ActionScope.Case, "case_actions", when, text, owner, days, escalateTo);

    public TemplateBuilder TeamAction(string when, string text, Role owner = Role.TeamManager, int days = 20) =>
        AddAction(_teamActions, ActionScope.Team, "team_actions", when, text, owner, days, null);

    public TemplateBuilder ServiceAction(string when, string text, Role owner = Role.HeadOfService, int days = 40) =>
        AddAction(_serviceActions, ActionScope.Service, "service_actions", when, text, owner, days, null);

    public AuditTemplate Build() => new()
    {
        Id = _id,
        Version = 1,
        Title = "Test template",
        AppliesTo = _appliesTo,
        RuleSetIds = [],
        Scoring = _scoring,
        Facts = [.. _facts],
        Criteria = [.. _criteria],
        OwnRules = new RuleBook([.. _grading], [.. _caseActions], [.. _teamActions], [.. _serviceActions]),
        RuleSets = [],
        SourcePath = "test-template.yaml",
        SourceHash = "0000",
    };

    private TemplateBuilder AddAction(List<ActionRule> list, ActionScope scope, string kind, string when, string text, Role owner, int days, Role? escalateTo)
    {
        list.Add(new ActionRule(scope, ExpressionSource.Inline(when), text, owner, days, escalateTo, _id, $"{_id}/{kind}/{list.Count}", default));
        return this;
    }

    private static ExpressionSource? Expr(string? text) => text is null ? null : ExpressionSource.Inline(text);
}
