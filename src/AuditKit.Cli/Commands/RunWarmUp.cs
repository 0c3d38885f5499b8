using System.Reflection;
using System.Runtime.CompilerServices;
using AuditKit.Calendar;
using AuditKit.Cli.Console;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Synthesis;
using AuditKit.Templates;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// Compiles ahead what a command needs once its rows are read, on a processor that is otherwise idle while the command
/// starts (loading and compiling the template takes a single processor a quarter of a second). For <c>run</c>: the
/// hot paths compiled fully optimised from their first call (evaluating, aggregating, hashing ids, sorting, writing
/// case actions), then a small made-up audit run from end to end, so that the code a run runs once, after reading
/// (summaries, planning, sorting, summary.json, the console summary), is compiled before it is needed instead of on
/// the way to the results. For <c>check</c>: the same small audit read and checked.
/// </summary>
/// <remarks>
/// Only compiles code: the made-up template and audits are in memory, nothing is read or written, and a failure here
/// changes nothing but timing. Only where there is a second processor: on one, it would take its time from the
/// command itself.
/// </remarks>
internal static class RunWarmUp
{
    /// <summary>Starts warming up for <c>run</c>.</summary>
    /// <remarks>
    /// The small run first (it compiles most of the fully optimised methods too, by calling them), so that it is done
    /// by the time the real rows are read; then whatever fully optimised methods it did not reach; the console summary
    /// last, as it is only laid out while the reports are written.
    /// </remarks>
    public static Task Start() => InBackground(() =>
    {
        var (rules, audits) = SmallAudit();
        var report = AuditRunner.Run(rules, audits, new RunOptions(new DateOnly(2026, 11, 30), EnglandAndWalesCalendar.Default));
        SummaryJsonWriter.Write(report, Stream.Null);
        CompileOptimisedMethods(Optimised);
        RunSummaryRenderer.Render(NullConsole(), report, "warm-up");
    });

    /// <summary>Starts warming up for <c>check</c>.</summary>
    public static Task StartForCheck() => InBackground(() =>
    {
        var (rules, audits) = SmallAudit();
        AuditRunner.Check(rules.Template, audits);
    });

    // The types whose methods are marked to be compiled fully optimised from their first call.
    internal static readonly Type[] Optimised =
    [
        typeof(CompiledRuleSet), typeof(OutcomeCounts), typeof(CaseActionIdHasher), typeof(ComplianceCalculator),
        typeof(EnglandAndWalesCalendar), typeof(ActionIds), typeof(OwnerResolver), typeof(Sha256WithPrefix),
        typeof(RadixSort), typeof(CompactActionList), typeof(CaseActionParts), typeof(CaseActionJsonRenderer), typeof(LayoutTable), typeof(GradeDisagreementsJson), typeof(JsonBytes), typeof(Sha256Lanes),
    ];

    /// <summary>Compiles the methods of <paramref name="types"/> (and their nested types) marked to be compiled fully optimised.</summary>
    private static void CompileOptimisedMethods(IEnumerable<Type> types)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            if (type.ContainsGenericParameters)
            {
                continue;
            }

            foreach (var method in type.GetMethods(All))
            {
                if (!method.IsGenericMethodDefinition && !method.IsAbstract
                    && (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                }
            }

            CompileOptimisedMethods(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        }
    }

    /// <summary>
    /// A small template with a little of everything a run meets (answered and computed criteria, a critical one,
    /// criterion, case, team and service actions with each kind of placeholder and owner, grading rules), compiled, and
    /// audits for it made up as CSV text. Built in code rather than read from YAML: the command is reading its own
    /// template meanwhile, and this way the two do not wait for each other.
    /// </summary>
    internal static (CompiledRuleSet Rules, IEnumerable<RawRecord> Audits) SmallAudit()
    {
        const string Origin = "warm-up";
        static ExpressionSource When(string text) => ExpressionSource.Inline(text, "warm-up.yaml");
        static ActionRule Action(ActionScope scope, string kind, int number, string when, string text, Role owner, int days, Role? escalateTo = null) =>
            new(scope, When(when), text, owner, days, escalateTo, Origin, $"{Origin}/{kind}/{number}", default);
        var template = new AuditTemplate
        {
            Id = Origin,
            Version = 1,
            Title = "Warm-up",
            AppliesTo = ["CIN", "CP", "LAC"],
            RuleSetIds = [],
            Scoring = ScoringOptions.Default,
            Facts =
            [
                new FactDefinition { Id = "visit_date", Type = FactType.Date },
                new FactDefinition { Id = "caseload", Type = FactType.Number },
                new FactDefinition { Id = "role", Type = FactType.Choice, Choices = ["Social worker", "Other"] },
            ],
            Criteria =
            [
                new CriterionDefinition
                {
                    Id = "seen", Section = "Child", Text = "The child was seen.", Critical = true, Target = 0.9,
                    Action = new CriterionAction { On = [Outcome.NotMet, Outcome.Partly], Text = "See the child in case {case_ref}.", Owner = Role.Practitioner, DueInWorkingDays = 5 },
                },
                new CriterionDefinition
                {
                    Id = "views", Section = "Child", Text = "The child's views are recorded.", Target = 0.8,
                    Action = new CriterionAction { On = [Outcome.NotMet], Text = "Record the views.", Owner = Role.TeamManager, DueInWorkingDays = 10 },
                },
                new CriterionDefinition
                {
                    Id = "visit_recent", Section = "Visits", Text = "Visited within 20 working days (computed).", Target = 0.8, IsComputed = true,
                    AppliesWhen = When("not is_blank(visit_date)"),
                    MetWhen = When("working_days_between(visit_date, audit_date) <= 20 and coalesce(caseload, 0) <= 20"),
                    PartlyWhen = When("days_between(visit_date, audit_date) <= 60 or coalesce(role, 'Other') = 'Other'"),
                },
            ],
            OwnRules = new RuleBook(
                [
                    new GradingRule("Good", When("score >= 0.75"), Origin, default),
                    new GradingRule("Requires improvement", When("score >= 0.5"), Origin, default),
                    new GradingRule("Inadequate", When("score < 0.5"), Origin, default),
                ],
                [
                    Action(ActionScope.Case, "case_actions", 0, "grade = 'Inadequate' or critical_not_met > 0", "Review case {case_ref} for {team}.", Role.TeamManager, 2, Role.HeadOfService),
                    Action(ActionScope.Case, "case_actions", 1, "grade = 'Good'", "Feedback on case {case_ref}.", Role.Auditor, 10),
                ],
                [Action(ActionScope.Team, "team_actions", 0, "rag = 'Red' and applicable >= 3", "Discuss {criterion_text} at the {team} team meeting ({compliance} against {target}).", Role.TeamManager, 20)],
                [Action(ActionScope.Service, "service_actions", 0, "rag != 'Green'", "Review {criterion} across the service ({compliance} against {target}).", Role.ServiceManager, 40)]),
            RuleSets = [],
            SourcePath = "warm-up.yaml",
            SourceHash = string.Empty,
        };
        var compiled = RuleSetCompiler.Compile(template, EnglandAndWalesCalendar.Default);
        var rules = compiled.Value
            ?? throw new InvalidOperationException("The warm-up template does not compile: " + string.Join(" ", compiled.Diagnostics));
        var csv = new StringWriter();
        new SubmissionSynthesizer().Write(template, new SynthesisOptions(200, 1), csv);
        return (rules, CsvSubmissionReader.Read(new StringReader(csv.ToString()), "warm-up.csv"));
    }

    private static Task InBackground(Action warmUp) => Environment.ProcessorCount < 2 ? Task.CompletedTask : Task.Run(() =>
    {
        try
        {
            warmUp();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Warming up is only an optimisation: the command compiles whatever is left when it gets there.
        }
    });

    private static IAnsiConsole NullConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(TextWriter.Null),
    });
}
