using AuditKit.Calendar;
using AuditKit.Evaluation;
using AuditKit.FollowUps.Escalations;
using AuditKit.Runs;
using AuditKit.Submissions;
using AuditKit.Synthesis;
using AuditKit.Templates;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Rules;

/// <summary>
/// The NRules follow-up stage of one period as the store runs it (target under 50 ms): the bundled rules' escalations
/// over a month of 2,000 audits from 50 teams (its team x criterion and service figures, Red history for 23 earlier
/// months, every case action of the month open, and 100 re-audits), in a new session.
/// </summary>
[MemoryDiagnoser]
public class EscalationBenchmarks
{
    private static readonly IWorkingDayCalendar Calendar = EnglandAndWalesCalendar.Default;
    private static readonly DateOnly AsOf = new(2026, 12, 31);
    private CompiledRuleSet _rules = null!;
    private Compliance.ReportingPeriod _period;
    private Compliance.ComplianceSummary _summary = null!;
    private CycleHistory _history = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(BundledTemplateBenchmarks.FindRepositoryRoot(), "templates", "quality-of-practice.yaml");
        _rules = TemplateValidator.ValidateTemplate(path, null, Calendar).Compiled ?? throw new InvalidOperationException("The bundled template does not compile.");
        var csv = new StringWriter();
        new SubmissionSynthesizer().Write(_rules.Template, new SynthesisOptions(2000, 42) { Teams = 50, Months = 1 }, csv);
        var report = AuditRunner.Run(_rules, CsvSubmissionReader.Read(new StringReader(csv.ToString()), "bench.csv"), new RunOptions(AsOf, Calendar, CollectCases: true));
        _period = Compliance.ReportingPeriod.Of(new DateOnly(2026, 11, 1), Compliance.PeriodLength.Month);
        _summary = report.Compliance;

        // Every team x criterion Red in each of the 23 months before: the longest chains periods_red can make.
        var earlier = new List<PeriodFigure>();
        for (var p = _period.Previous; earlier.Count < 23 * _summary.Teams.Length * _rules.Criteria.Length; p = p.Previous)
        {
            foreach (var team in _summary.Teams)
            {
                earlier.AddRange(_rules.Criteria.Select(c => new PeriodFigure(p.Name, team.Name, c.Id, 0.2, Rag.Red, 5)));
            }
        }

        var open = report.Actions.Cases.ToFollowUpActions()
            .Select(a => new OpenAction(a.Id, a.Scope, a.Team, a.CaseRef, a.Criterion, "open", a.Owner, a.EscalateTo, a.Due, _period.Name, a.RuleKey))
            .ToList();
        var reaudits = report.Cases.Take(100)
            .Select((c, i) => new Reaudit($"A-{i:x32}", c.Team, c.CaseRef, null, "E-" + c.AuditId, c.AuditDate.AddDays(-20), "Inadequate", c.AuditId, c.AuditDate, c.Grade, null))
            .ToList();
        _history = new CycleHistory(earlier, open, reaudits);
        _facts = [.. EscalationLayout.Figures(_rules.Template, _period, _summary, earlier),
            .. open.Select(a => EscalationLayout.Action(a, AsOf, Calendar)), .. reaudits.Select(r => EscalationLayout.Reaudit(r, _period.Name, Calendar))];
        Console.WriteLine($"// {_summary.Teams.Length} teams, {open.Count} open actions, {reaudits.Count} re-audits, {earlier.Count} earlier figures");
    }

    private List<SubjectFact> _facts = null!;

    /// <summary>The rules engine session alone, over facts built once.</summary>
    [Benchmark]
    public int FireOnly() => _rules.Escalations!.Fire(_facts).Raised.Length;

    [Benchmark]
    public int OnePeriod() => EscalationPlanner.ForPeriod(_rules, _period, _summary, _history, AsOf, Calendar).Actions.Length;
}
