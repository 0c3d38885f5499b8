using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Runs;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary>
/// The step that <c>run</c> and <c>watch</c> share: evaluate the files given (the rows no reader could read listed as
/// rejected, first), then record the report into the store.
/// </summary>
internal static class RecordedRun
{
    public static RunReport Evaluate(
        CliContext context,
        CompiledRuleSet rules,
        SubmissionFiles files,
        DateOnly asOf,
        IWorkingDayCalendar calendar,
        TeamDirectory? directory,
        bool collectCases,
        Action<CaseResult>? onCase = null)
    {
        var options = new RunOptions(asOf, calendar, CollectCases: collectCases, Directory: directory, ReadAhead: context.Environment.ReadAhead);
        var report = AuditRunner.Run(rules, files.ReadAll(), options, onCase);
        return report with { Rejected = [.. files.Unreadable, .. report.Rejected] };
    }

    /// <summary>Records <paramref name="report"/> (whose cases must have been collected) in one transaction.</summary>
    public static StoreRunResult Record(StoreChoice store, RunReport report)
    {
        using var opened = store.Open();
        return opened.RecordRun(StoredRun.From(report));
    }
}
