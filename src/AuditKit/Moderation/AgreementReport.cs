using System.Collections.Immutable;
using AuditKit.Reporting;

namespace AuditKit.Moderation;

/// <summary>A first audit and a moderation audit of the same case by another auditor.</summary>
public sealed record ModerationPair(CaseRow First, CaseRow Moderation);

/// <summary>How far first auditors and moderators agree, over a template's moderation pairs.</summary>
/// <param name="Threshold">Criteria whose kappa is below it are flagged (0.6 unless chosen).</param>
/// <param name="Pairs">How many moderation pairs there are.</param>
public sealed record AgreementReport(
    string TemplateId,
    double Threshold,
    int Pairs,
    ImmutableArray<CriterionAgreement> Criteria,
    ImmutableArray<AuditorAgreement> Auditors,
    GradeAgreement Grades)
{
    public const double DefaultThreshold = 0.6;

    /// <summary>The criteria flagged, in template order.</summary>
    public IEnumerable<CriterionAgreement> Flagged => Criteria.Where(c => c.Flagged);
}

/// <summary>One criterion's agreement between first auditors and moderators.</summary>
/// <param name="Pairs">Pairs where neither outcome is missing.</param>
/// <param name="Agreement">The share of those pairs with the same outcome; null without pairs.</param>
/// <param name="Kappa">Cohen's kappa over met, partly, not met and not applicable; null when undefined.</param>
/// <param name="WeightedKappa">Linearly weighted kappa over the ordered met, partly, not met (pairs where both are one of
/// them); null when undefined.</param>
/// <param name="OrderedPairs">The pairs weighted kappa is worked out over.</param>
/// <param name="Pabak">Prevalence-adjusted bias-adjusted kappa over the four outcomes: (4 x agreement - 1) / 3.</param>
/// <param name="Flagged">Kappa is below the threshold: the criterion's guidance should be rewritten.</param>
/// <param name="Counts">Pairs by first outcome (row) and moderated outcome (column), in <see cref="AgreementCalculator.Outcomes"/> order.</param>
public sealed record CriterionAgreement(
    string Id,
    string Text,
    int Pairs,
    double? Agreement,
    KappaEstimate? Kappa,
    double? WeightedKappa,
    int OrderedPairs,
    double? Pabak,
    bool Flagged,
    int[,] Counts)
{
    /// <summary>Kappa is undefined although there are pairs: no variation (both auditors gave every case one outcome).</summary>
    public bool NoVariation => Pairs > 0 && Kappa is null;
}

/// <summary>How one first auditor's outcomes compare with the moderators' of the same cases.</summary>
/// <param name="Compared">Criterion outcomes compared (neither missing).</param>
/// <param name="Agreed">Of those, the same outcome.</param>
/// <param name="MoreFavourable">The first auditor's outcome was better (met over partly or not met, partly over not met).</param>
/// <param name="LessFavourable">The first auditor's outcome was worse.</param>
/// <param name="Applicability">One said the criterion did not apply and the other judged it.</param>
/// <param name="GradesCompared">Pairs where both audits have a grade.</param>
/// <param name="GradesAgreed">Of those, the same grade.</param>
public sealed record AuditorAgreement(
    string Auditor,
    int Pairs,
    int Compared,
    int Agreed,
    int MoreFavourable,
    int LessFavourable,
    int Applicability,
    int GradesCompared,
    int GradesAgreed)
{
    public double? Agreement => Compared == 0 ? null : Agreed / (double)Compared;

    /// <summary>"more favourable", "less favourable", "balanced", or null when no outcome differed in degree.</summary>
    public string? Direction => (MoreFavourable, LessFavourable) switch
    {
        (0, 0) => null,
        var (more, less) when more > less => "more favourable",
        var (more, less) when more < less => "less favourable",
        _ => "balanced",
    };
}

/// <summary>First and moderated grades (those the grading rules give each audit).</summary>
/// <param name="Scale">The grades, best first: the template's scale, then any other grade given.</param>
/// <param name="Counts">Pairs by first grade (row) and moderated grade (column), in <paramref name="Scale"/> order.</param>
/// <param name="Pairs">Pairs where both audits have a grade.</param>
/// <param name="WeightedKappa">Linearly weighted kappa on the ordered scale; null when undefined.</param>
/// <param name="MoreFavourable">Pairs where the first grade is better than the moderated one.</param>
/// <param name="LessFavourable">Pairs where it is worse.</param>
public sealed record GradeAgreement(
    ImmutableArray<string> Scale,
    int[,] Counts,
    int Pairs,
    double? Agreement,
    double? WeightedKappa,
    int MoreFavourable,
    int LessFavourable);
