using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using AuditKit.Calendar;
using AuditKit.Collections;
using AuditKit.Compliance;
using AuditKit.Diagnostics;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Submissions;

namespace AuditKit.Runs;

/// <summary>How a run is carried out.</summary>
/// <param name="AsOf">"Today": team and service actions fall due this many working days after it.</param>
/// <param name="CollectCases">Keep a compact row per audit (for the Cases sheet and the store).</param>
/// <param name="Directory">Resolves roles to named owners; null leaves role names.</param>
public sealed record RunOptions(
    DateOnly AsOf,
    IWorkingDayCalendar Calendar,
    bool CollectCases = false,
    TeamDirectory? Directory = null,
    double DataQualityThreshold = DataQualityReport.DefaultThreshold);

/// <summary>What a check (read and validate, no evaluation) found.</summary>
/// <param name="SourceDiagnostics">Problems with whole sources, such as a column no criterion or fact has.</param>
public sealed record CheckReport(
    SubmissionCounts Submissions,
    ImmutableArray<RejectedRow> Rejected,
    DataQualityReport DataQuality,
    ImmutableArray<Diagnostic> SourceDiagnostics);

/// <summary>
/// The pipeline of one run: rows in, each validated (accepted or rejected with every reason), evaluated,
/// aggregated as a stream, then planned into follow-up actions. Memory holds the aggregates, the actions,
/// the rejected rows and (when asked) one compact row per audit; never the raw rows.
/// </summary>
public static class AuditRunner
{
    // Rows handed from the reading thread in batches of 128, at most 4 batches ahead. Every row in flight survives the
    // collections that happen meanwhile and is copied into an older generation, so fewer rows in flight mean cheaper
    // collections: 4,096 in flight paused the run for about 0.3 s at 100,000 audits, 512 for about 0.15 s.
    private const int PipelineBatch = 128;
    private const int PipelineDepth = 4;

    // Case actions whose ids are hashed together while reading (a power of two up to ChunkedList's chunk).
    private const int HashBatch = 1024;

    public static RunReport Run(
        CompiledRuleSet rules,
        IEnumerable<RawRecord> records,
        RunOptions options,
        Action<CaseResult>? onCase = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var template = rules.Template;
        var validator = new SubmissionValidator(template) { AsOf = options.AsOf };
        var quality = new DataQualityCounter(template);
        var calculator = new ComplianceCalculator(template);
        var caseActions = new ChunkedList<CompactCaseAction>();
        var subjects = new CaseActionSubjects();
        var names = new NamePool();
        var fired = new List<(int Rule, DateOnly Due)>();
        var scratch = rules.NewScratch();
        var ids = new CaseActionIdHasher(rules);
        var hashed = 0;
        var cases = new List<CaseRow>();
        var rejected = new List<RejectedRow>();
        var read = 0;

        foreach (var validation in ValidateInOrder(records, validator, quality))
        {
            read++;
            if (validation.Submission is not { } submission)
            {
                rejected.Add(validation.Rejected!);
                continue;
            }

            // The actions are kept compactly and built when a writer reads them; the callback still sees them.
            fired.Clear();
            var result = rules.Evaluate(submission, fired, withActions: onCase is not null, scratch);
            calculator.Add(result);
            if (fired.Count > 0)
            {
                var team = names.Shared(submission.Team);
                var subject = subjects.Add(
                    submission.AuditId,
                    submission.CaseRef,
                    team,
                    submission.Practitioner is { } practitioner ? names.Shared(practitioner) : null,
                    names.Shared(submission.Auditor));
                foreach (var (rule, due) in fired)
                {
                    caseActions.Add(new CompactCaseAction(subject, rule, due.DayNumber, 0));
                }

                // Ids are hashed eight at once, 1,024 actions at a time as they come (the rest after reading): in small
                // steps, so that the reading thread seldom finds its queue full meanwhile.
                if (caseActions.Count - hashed >= HashBatch)
                {
                    ids.HashAll(caseActions.Slice(hashed, HashBatch), subjects);
                    hashed += HashBatch;
                }
            }

            if (options.CollectCases)
            {
                cases.Add(ToCaseRow(result));
            }

            onCase?.Invoke(result);
        }

        // The summaries and the case actions' order do not depend on each other: work them out side by side.
        var summarising = Task.Run(calculator.Complete);
        for (; hashed < caseActions.Count; hashed += HashBatch)
        {
            ids.HashAll(caseActions.Slice(hashed, Math.Min(HashBatch, caseActions.Count - hashed)), subjects);
        }

        var sortedCaseActions = CompactActionList.SortCaseActions(rules, subjects, caseActions);
        var summary = summarising.GetAwaiter().GetResult();
        var planned = FollowUpPlanner.PlanTeamAndServiceActions(template, summary, rules, options.AsOf, options.Calendar)
            .Select(a => a with
            {
                Owner = OwnerResolver.Resolve(a.Owner, a.Team, null, null, options.Directory),
                EscalateTo = a.EscalateTo is null ? null : OwnerResolver.Resolve(a.EscalateTo, a.Team, null, null, options.Directory),
            });

        return new RunReport
        {
            Template = template,
            AsOf = options.AsOf,
            Submissions = new SubmissionCounts(read, read - rejected.Count, rejected.Count),
            Compliance = summary,
            Actions = new CompactActionList(rules, subjects, sortedCaseActions, FollowUpPlanner.SortForReport(planned), options.Directory),
            Rejected = SortRejected(rejected),
            DataQuality = quality.Complete(options.DataQualityThreshold),
            Cases = [.. cases.OrderBy(c => c.AuditId, StringComparer.Ordinal)],
            SourceDiagnostics = [.. validator.SourceDiagnostics],
        };
    }

    /// <summary>Reads and validates without evaluating: what a team manager runs before sending audits in.</summary>
    public static CheckReport Check(Templates.AuditTemplate template, IEnumerable<RawRecord> records, double threshold = DataQualityReport.DefaultThreshold, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(records);
        var validator = new SubmissionValidator(template) { AsOf = asOf };
        var quality = new DataQualityCounter(template);
        var rejected = new List<RejectedRow>();
        var read = 0;
        foreach (var validation in Validate(records, validator, quality))
        {
            read++;
            if (validation.Rejected is { } row)
            {
                rejected.Add(row);
            }
        }

        return new CheckReport(
            new SubmissionCounts(read, read - rejected.Count, rejected.Count),
            SortRejected(rejected),
            quality.Complete(threshold),
            [.. validator.SourceDiagnostics]);
    }

    public static CaseRow ToCaseRow(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Submission;
        return new CaseRow(s.AuditId, s.AuditDate, s.Auditor, s.CaseRef, s.CaseType, s.Team, s.Service, s.Practitioner, s.OverallGrade, result.Grade, result.Score, result.Outcomes);
    }

    /// <summary>Counts each row for data quality and validates it, on the caller's thread, in the order read.</summary>
    private static IEnumerable<ValidationResult> Validate(IEnumerable<RawRecord> records, SubmissionValidator validator, DataQualityCounter quality)
    {
        foreach (var record in records)
        {
            quality.Add(record);
            yield return validator.Validate(record);
        }
    }

    /// <summary>
    /// Reads and validates the rows, in order. With more than one processor, reading and validating run on a
    /// thread of their own, a batch ahead of the caller, which evaluates: the two stages overlap, and the caller
    /// still sees every row in the order read, so the results are the same as one thread's.
    /// </summary>
    private static IEnumerable<ValidationResult> ValidateInOrder(IEnumerable<RawRecord> records, SubmissionValidator validator, DataQualityCounter quality)
    {
        if (Environment.ProcessorCount < 2)
        {
            foreach (var validation in Validate(records, validator, quality))
            {
                yield return validation;
            }

            yield break;
        }

        using var batches = new BlockingCollection<ValidationResult[]>(boundedCapacity: PipelineDepth);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                var batch = new List<ValidationResult>(PipelineBatch);
                foreach (var record in records)
                {
                    quality.Add(record);
                    batch.Add(validator.Validate(record));
                    if (batch.Count == PipelineBatch)
                    {
                        batches.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    batches.Add([.. batch], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped early (it failed or stopped enumerating): nothing more to hand over.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                batches.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "AuditKit reader",
        };

        reader.Start();
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var validation in batch)
                {
                    yield return validation;
                }
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }

        failure?.Throw();
    }

    private static ImmutableArray<RejectedRow> SortRejected(List<RejectedRow> rows) =>
        [.. rows.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Row)];
}
