using System.Collections.Immutable;
using AuditKit.Diagnostics;

namespace AuditKit.Templates;

/// <summary>
/// An audit template as loaded and checked for structure: what is audited, how it is scored, and
/// (with its rule sets) how cases are graded and which follow-up actions are raised. Knows nothing of YAML.
/// </summary>
public sealed record AuditTemplate
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Title { get; init; }

    /// <summary>Case types this template accepts (for example CIN, CP, LAC).</summary>
    public required ImmutableArray<string> AppliesTo { get; init; }

    /// <summary>Rule set ids in the order they are applied.</summary>
    public required ImmutableArray<string> RuleSetIds { get; init; }

    public required ScoringOptions Scoring { get; init; }

    public required ImmutableArray<FactDefinition> Facts { get; init; }

    public required ImmutableArray<CriterionDefinition> Criteria { get; init; }

    /// <summary>Grading and action rules written in the template itself (they come first).</summary>
    public required RuleBook OwnRules { get; init; }

    /// <summary>The resolved rule sets, in <see cref="RuleSetIds"/> order.</summary>
    public required ImmutableArray<RuleSet> RuleSets { get; init; }

    /// <summary>The template file, as given.</summary>
    public required string SourcePath { get; init; }

    /// <summary>SHA-256 of the template text and its rule sets' texts, lower-case hex.</summary>
    public required string SourceHash { get; init; }

    /// <summary>Where the template starts (for messages about the template as a whole).</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Template rules first, then each rule set's, in order.</summary>
    public RuleBook EffectiveRules => RuleBook.Concat([OwnRules, .. RuleSets.Select(r => r.Rules)]);

    /// <summary>The grades from best to worst: the order every output lists them in.</summary>
    public GradeScale GradeScale => GradeScale.For(EffectiveRules);
}

/// <param name="Period">The periods the store works team and service figures out for (and plans their actions from).</param>
public sealed record ScoringOptions(
    double PartlyWeight = 0.5,
    double AmberMargin = 0.10,
    double DefaultTarget = 0.80,
    Compliance.PeriodLength Period = Compliance.PeriodLength.Month)
{
    public static ScoringOptions Default { get; } = new();
}
