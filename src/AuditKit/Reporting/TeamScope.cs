using System.Collections.Immutable;
using AuditKit.Compliance;
using AuditKit.FollowUps;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// Cuts a run's report into one report per team, for the team packs: each is written by the same writers as the whole
/// run's, and holds nothing about another team's cases.
/// </summary>
/// <remarks>
/// What a team's report keeps of each part of the run's:
/// <list type="bullet">
/// <item>Compliance: the team's own figures (its row in <see cref="ComplianceSummary.Teams"/>, its grade disagreements
/// among them) and its months, worked out again from its cases. All teams (<see cref="ComplianceSummary.Overall"/>) and
/// the team's service stay as benchmarks, their counts and figures only: their grade disagreements (which name other
/// teams' audits and cases) are left out. No other team appears by name.</item>
/// <item>Cases and case actions: the team's. Team actions: the team's. Service actions: all of them, as they are about
/// every team and name no case.</item>
/// <item>Rejected rows: those that name the team; a row whose team could not be read is in the whole run's report
/// only. Submission counts are the team's rows, accepted and rejected.</item>
/// <item>Data quality: over the team's rows.</item>
/// <item>Warnings about whole files: left out (they are about the files, which hold every team's rows; the whole run's
/// report has them).</item>
/// </list>
/// </remarks>
public static class TeamScope
{
    /// <summary>
    /// One report per team of <paramref name="report"/>, in team name order, made one at a time as they are read. The
    /// report must hold its cases (<see cref="RunReport.Cases"/>); a report that is itself a team's cannot be cut again.
    /// </summary>
    public static IEnumerable<RunReport> ForEachTeam(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Scope is not null)
        {
            throw new ArgumentException("The report is one team's already.", nameof(report));
        }

        if (report.Cases.Length != report.Submissions.Accepted)
        {
            throw new ArgumentException("Team packs need the report's cases: run with the cases collected.", nameof(report));
        }

        return Split(report);
    }

    private static IEnumerable<RunReport> Split(RunReport report)
    {
        // Each part of the run grouped by team once, so that each team's report takes only its own share of the work.
        var cases = Group(report.Cases, c => c.Team);
        var rejected = Group(report.Rejected, r => r.Team);
        var caseActions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < report.Actions.Cases.Count; i++)
        {
            var team = report.Actions.Cases[i].Team.Trim();
            if (!caseActions.TryGetValue(team, out var list))
            {
                caseActions.Add(team, list = []);
            }

            list.Add(i);
        }

        var serviceActions = report.Actions.TeamAndService.Where(a => a.Scope == ActionScope.Service).ToList();
        var overall = Benchmark(report.Compliance.Overall);
        foreach (var team in report.Compliance.Teams)
        {
            var name = team.Name ?? throw new ArgumentException("Every team group must have a name.", nameof(report));
            var teamCases = cases.GetValueOrDefault(name) ?? [];
            var teamRejected = rejected.GetValueOrDefault(name) ?? [];
            var service = team.Service is null ? null : report.Compliance.Services.FirstOrDefault(s => s.Name == team.Service);

            var calculator = new ComplianceCalculator(report.Template);
            foreach (var c in teamCases)
            {
                calculator.Add(c);
            }

            var actions = (caseActions.GetValueOrDefault(name) ?? []).Select(i => report.Actions.Cases[i].ToFollowUpAction())
                .Concat(report.Actions.TeamAndService.Where(a => a.Scope == ActionScope.Team && a.Team?.Trim() == name))
                .Concat(serviceActions);

            yield return report with
            {
                Submissions = new SubmissionCounts(teamCases.Count + teamRejected.Count, teamCases.Count, teamRejected.Count),
                Compliance = new ComplianceSummary(
                    overall,
                    [team],
                    service is null ? [] : [Benchmark(service)],
                    calculator.Complete().Periods),
                Actions = RunActions.From(actions),
                Rejected = [.. teamRejected],
                DataQuality = report.DataQualityByTeam.GetValueOrDefault(name) ?? new DataQualityReport(report.DataQuality.Threshold, []),
                DataQualityByTeam = report.DataQualityByTeam.Clear(),
                Cases = [.. teamCases],
                SourceDiagnostics = [],
                Scope = new ReportScope(name, service?.Name),

                // Moderation names auditors and covers every team's audits: a team's pack has none of it.
                Moderation = [],
                ModerationRead = null,
                Agreement = null,
            };
        }
    }

    /// <summary>A group's figures without its grade disagreements (which name audits and cases).</summary>
    private static GroupSummary Benchmark(GroupSummary group) =>
        group with { Agreement = group.Agreement with { Disagreements = [] } };

    private static Dictionary<string, List<T>> Group<T>(IEnumerable<T> items, Func<T, string?> teamOf)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (teamOf(item)?.Trim() is not { Length: > 0 } team)
            {
                continue;
            }

            if (!groups.TryGetValue(team, out var list))
            {
                groups.Add(team, list = []);
            }

            list.Add(item);
        }

        return groups;
    }
}
