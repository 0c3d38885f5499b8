using System.Globalization;
using AuditKit.Expressions;
using AuditKit.Synthesis;
using AuditKit.Templates;

namespace AuditKit.Benchmarks.Pipeline;

/// <summary>
/// Inputs shared by the pipeline benchmarks: a template shaped like the monthly quality-of-practice audit (built in
/// code, so that benchmarks do not depend on the YAML loader) and synthetic submissions for it.
/// </summary>
internal static class BenchmarkTemplates
{
    public static AuditTemplate QualityOfPractice()
    {
        CriterionDefinition Criterion(string id, string section, bool critical = false, bool required = true, string? appliesWhen = null) => new()
        {
            Id = id,
            Section = section,
            Text = $"Criterion {id}.",
            Critical = critical,
            Target = critical ? 0.9 : 0.8,
            Required = required,
            AppliesWhen = appliesWhen is null ? null : ExpressionSource.Inline(appliesWhen),
        };

        return new AuditTemplate
        {
            Id = "quality-of-practice",
            Version = 1,
            Title = "Monthly quality of practice audit",
            AppliesTo = ["CIN", "CP", "LAC"],
            RuleSetIds = [],
            Scoring = ScoringOptions.Default,
            Facts =
            [
                new FactDefinition { Id = "child_age", Type = FactType.Number },
                new FactDefinition { Id = "referral_date", Type = FactType.Date, Required = true },
                new FactDefinition { Id = "assessment_start_date", Type = FactType.Date },
                new FactDefinition { Id = "assessment_completed_date", Type = FactType.Date },
                new FactDefinition { Id = "last_visit_date", Type = FactType.Date },
                new FactDefinition { Id = "last_supervision_date", Type = FactType.Date },
                new FactDefinition { Id = "primary_need", Type = FactType.Choice, Choices = ["Abuse or neglect", "Family dysfunction", "Child's disability", "Parental illness"] },
                new FactDefinition { Id = "has_disability", Type = FactType.Bool },
            ],
            Criteria =
            [
                Criterion("child_seen_alone", "Voice of the child", critical: true, appliesWhen: "child_age >= 4 or is_blank(child_age)"),
                Criterion("wishes_and_feelings", "Voice of the child"),
                Criterion("home_environment", "Assessment"),
                Criterion("risk_and_protective_factors", "Assessment", critical: true),
                Criterion("assessment_analysis", "Assessment"),
                Criterion("plan_smart", "Planning", critical: true),
                Criterion("partner_contributions", "Planning", required: false),
                Criterion("core_group_minutes", "Planning", appliesWhen: "case_type = 'CP'"),
                Criterion("management_oversight", "Management oversight", critical: true),
                Criterion("supervision_recorded", "Management oversight"),
                Criterion("chronology_up_to_date", "Recording", required: false),
                Criterion("case_summary_current", "Recording"),
            ],
            OwnRules = RuleBook.Empty,
            RuleSets = [],
            SourcePath = "quality-of-practice.yaml",
            SourceHash = "benchmark",
        };
    }

    /// <summary>Synthetic submissions for <see cref="QualityOfPractice"/> as CSV text.</summary>
    public static string SubmissionsCsv(int count, int seed = 42)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        new SubmissionSynthesizer().Write(QualityOfPractice(), new SynthesisOptions(count, seed), text);
        return text.ToString();
    }
}
