using AuditKit.Compliance;
using AuditKit.Store;
using AuditKit.Templates;

namespace AuditKit.Web.Figures;

/// <summary>One template's figures for one team: compliance by criterion and month, and the team over the months together.</summary>
/// <param name="Periods">The months with audits, oldest first, each with its criteria in template order.</param>
public sealed record TeamTemplateFigures(AuditTemplate Template, string Team, IReadOnlyList<GroupSummary> Periods, GroupSummary Overall);

/// <summary>
/// Works a team's figures out from the store as <c>auditkit report</c> does: the current revisions of the template's
/// audits of the team in the months asked for, through the same <see cref="ComplianceCalculator"/>.
/// </summary>
public static class TeamFigures
{
    /// <summary>The months shown on a dashboard: this many ending with the as-of month.</summary>
    public const int Months = 12;

    public static TeamTemplateFigures? Build(IAuditStore store, AuditTemplate template, string team, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(template);
        var last = ReportingPeriod.Of(asOf, PeriodLength.Month);
        var first = ReportingPeriod.Of(last.First.AddMonths(1 - Months), PeriodLength.Month);
        return Build(store, template, team, first, last);
    }

    public static TeamTemplateFigures? Build(IAuditStore store, AuditTemplate template, string team, ReportingPeriod first, ReportingPeriod last)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(template);
        var stored = store.ReadReport(template.Id, first, last, [.. template.Criteria.Select(c => c.Id)], team);
        if (stored.Cases.Count == 0)
        {
            return null;
        }

        var calculator = new ComplianceCalculator(template);
        foreach (var row in stored.Cases)
        {
            calculator.Add(row);
        }

        var summary = calculator.Complete();
        return new TeamTemplateFigures(template, team, summary.Periods, summary.Teams.Length == 1 ? summary.Teams[0] : summary.Overall);
    }

    /// <summary>"82% Green", "50% Red", or "No applicable audits".</summary>
    public static string Cell(CriterionStat stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        return stat.Compliance is { } compliance
            ? $"{Math.Round(compliance * 100, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture)}% {(stat.Rag is { } rag ? RagNames.Name(rag) : string.Empty)}".TrimEnd()
            : "No applicable audits";
    }
}
