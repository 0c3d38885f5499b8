using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using AuditKit.Calendar;
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
/// <param name="ReadAhead">
/// Read and validate rows on a thread of their own, a batch ahead of evaluating them (worth it with a second
/// processor); the results are the same either way.
/// </param>
/// <param name="KnownTeams">Team names already in use (the store's): a team spelt differently only in case or spacing is counted as one of them.</param>
/// <param name="KnownAudits">The store's audits, that moderation audits are checked against; null without a store.</param>
public sealed record RunOptions(
    DateOnly AsOf,
    IWorkingDayCalendar Calendar,
    bool CollectCases = false,
    TeamDirectory? Directory = null,
    double DataQualityThreshold = DataQualityReport.DefaultThreshold,
    bool ReadAhead = false,
    KnownTeams? KnownTeams = null,
    KnownAudits? KnownAudits = null);

/// <summary>Team names already in use, and where (for the warning: "the store auditkit.db").</summary>
public sealed record KnownTeams(string Where, IReadOnlyList<string> Names);

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
        if (options.KnownTeams is { } known)
        {
            validator.AddKnownTeams(known.Names, known.Where);
        }

        if (options.KnownAudits is { } audits)
        {
            validator.AddStoredModerations(audits.ModerationIds, audits.Where);
        }

        var quality = new DataQualityCounter(template);
        var calculator = new ComplianceCalculator(template);
        var caseActions = new CaseActions.Builder(template.Id, options.Directory);
        var scratch = rules.NewScratch();
        var cases = new List<CaseRow>();
        var rejected = new List<RejectedRow>();
        var moderation = new List<Submission>();
        var read = 0;

        foreach (var validation in ValidateInOrder(records, validator, quality, options.ReadAhead))
        {
            read++;
            if (validation.Submission is not { } submission)
            {
                rejected.Add(validation.Rejected!);
                continue;
            }

            // A moderation audit is checked against its first audit once the whole batch is read, and counts in no figure.
            if (submission.Moderates is not null)
            {
                moderation.Add(submission);
                continue;
            }

            var result = rules.Evaluate(submission, scratch);
            calculator.Add(result);
            caseActions.Add(submission, result.Actions);
            if (options.CollectCases)
            {
                cases.Add(ToCaseRow(result));
            }

            onCase?.Invoke(result);
        }

        var (moderated, unlinked) = ModerationLinks.Link(validator, moderation, options.KnownAudits);
        rejected.AddRange(unlinked);
        var moderationRows = new List<CaseRow>(moderated.Count);
        foreach (var submission in moderated)
        {
            moderationRows.Add(ToCaseRow(rules.Evaluate(submission, scratch)));
        }

        var summary = calculator.Complete();
        var planned = FollowUpPlanner.ResolveOwners(
            FollowUpPlanner.PlanTeamAndServiceActions(template, summary, rules, options.AsOf, options.Calendar),
            _ => (null, null),
            options.Directory);

        return new RunReport
        {
            Template = template,
            AsOf = options.AsOf,
            Submissions = new SubmissionCounts(read, read - rejected.Count, rejected.Count),
            Compliance = summary,
            Actions = new RunActions(caseActions.Build(), planned),
            Rejected = SortRejected(rejected),
            DataQuality = quality.Complete(options.DataQualityThreshold),
            DataQualityByTeam = quality.CompleteByTeam(options.DataQualityThreshold),
            Cases = [.. cases.OrderBy(c => c.AuditId, StringComparer.Ordinal)],
            SourceDiagnostics = [.. validator.SourceDiagnostics],
            Moderation = [.. moderationRows.OrderBy(c => c.AuditId, StringComparer.Ordinal)],
            ModerationRead = validator.ModerationRowsRead == 0
                ? null
                : new SubmissionCounts(validator.ModerationRowsRead, moderated.Count, validator.ModerationRowsRead - moderated.Count),
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
        var moderation = new List<Submission>();
        var read = 0;
        foreach (var validation in Validate(records, validator, quality))
        {
            read++;
            if (validation.Rejected is { } row)
            {
                rejected.Add(row);
            }
            else if (validation.Submission!.Moderates is not null)
            {
                moderation.Add(validation.Submission);
            }
        }

        // Without a store, a moderation audit whose first audit is not in these files is left for run to check.
        rejected.AddRange(ModerationLinks.Link(validator, moderation, stored: null, requireFound: false).Rejected);

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
        return new CaseRow(s.AuditId, s.AuditDate, s.Auditor, s.CaseRef, s.CaseType, s.Team, s.Service, s.Practitioner, s.OverallGrade, result.Grade, result.Score, result.Outcomes)
        {
            // Kept only when the auditor wrote any, so that rows without comments carry none.
            Comments = s.Comments.Any(c => c is not null) ? s.Comments : [],
            Moderates = s.Moderates,
        };
    }

    /// <summary>Counts each row for data quality and validates it, on the caller's thread, in the order read.</summary>
    private static IEnumerable<ValidationResult> Validate(IEnumerable<RawRecord> records, SubmissionValidator validator, DataQualityCounter quality)
    {
        foreach (var record in records)
        {
            var validation = validator.Validate(record);
            quality.Add(record, validation.Team);
            yield return validation;
        }
    }

    /// <summary>
    /// Reads and validates the rows, in order. With <paramref name="readAhead"/>, reading and validating run on a
    /// thread of their own, a batch ahead of the caller, which evaluates: the two stages overlap, and the caller
    /// still sees every row in the order read, so the results are the same as one thread's.
    /// </summary>
    private static IEnumerable<ValidationResult> ValidateInOrder(IEnumerable<RawRecord> records, SubmissionValidator validator, DataQualityCounter quality, bool readAhead)
    {
        if (!readAhead)
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
                    var validation = validator.Validate(record);
                    quality.Add(record, validation.Team);
                    batch.Add(validation);
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
