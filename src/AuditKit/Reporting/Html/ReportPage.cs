using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.Templates;

namespace AuditKit.Reporting.Html;

/// <summary>
/// Builds <c>report.html</c> for one run report, section by section (the sections are in the other parts of this
/// class). Everything is worked out from the report: the same report gives the same bytes.
/// </summary>
internal sealed partial class ReportPage
{
    /// <summary>Team, month or service columns in one part of a wide table: each part fits an A4 landscape page.</summary>
    public const int ColumnsPerTable = 8;

    private readonly RunReport _report;
    private readonly HtmlReportOptions _options;
    private readonly StringBuilder _html = new(256 * 1024);

    public ReportPage(RunReport report, HtmlReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ProvisionalBelow);
        _report = report;
        _options = options;

        // Teams grouped by service (in service order, teams without one last), then by name: the order of every table.
        Teams = [.. report.Compliance.Teams.OrderBy(t => t.Service is null).ThenBy(t => t.Service, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];
        HasServices = Teams.Any(t => t.Service is not null);
    }

    private AuditTemplate Template => _report.Template;

    private ImmutableArray<GroupSummary> Teams { get; }

    private bool HasServices { get; }

    private int ProvisionalBelow => _options.ProvisionalBelow;

    public string Render()
    {
        _html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(Template.Title)).Append(" - compliance report, as of ").Append(LongDate(_report.AsOf)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");
        AppendHeader();
        AppendContents();
        _html.Append("<main>\n");
        AppendHeadlines();
        AppendMethod();
        AppendHeatmap();
        AppendCharts();
        AppendMonths();
        AppendServices();
        AppendGrades();
        AppendModeration();
        AppendActions();
        AppendProgramme();
        AppendDataQuality();
        AppendRejected();
        _html.Append("</main>\n</body>\n</html>\n");
        return _html.ToString();
    }

    private static readonly (string Id, string Title)[] Sections =
    [
        ("headlines", "Headlines"),
        ("method", "How the figures are worked out"),
        ("heatmap", "Compliance by criterion and team"),
        ("criteria", "Each criterion by team"),
        ("months", "Month by month"),
        ("services", "Services"),
        ("grades", "Grades"),
        ("moderation", "Moderation: do auditors agree?"),
        ("actions", "Follow-up actions"),
        ("programme", "Audit programme"),
        ("data-quality", "Data quality"),
        ("rejected", "Rejected rows"),
    ];

    /// <summary>How the all-teams figures are headed: "All teams", or "All teams (benchmark)" in a team's pack.</summary>
    private string AllTeams => _report.Scope is null ? "All teams" : ReportScope.Benchmark("All teams");

    /// <summary>A service's name as a heading: with "(benchmark)" in a team's pack.</summary>
    private string ServiceHeading(string name) => _report.Scope is null ? name : ReportScope.Benchmark(name);

    private void AppendHeader()
    {
        var compliance = _report.Compliance;
        var submissions = _report.Submissions;
        // A team's pack says whose it is; the all-teams and service figures in it are benchmarks only.
        var title = _report.Scope is { } scope ? $"{Template.Title}: {scope.Team}" : Template.Title;
        _html.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"subtitle\">Compliance report</p>\n<dl class=\"meta\">\n")
            .Append("<dt>Template</dt><dd>").Append(E(Template.Title)).Append(" (<code>").Append(E(Template.Id)).Append("</code>, version ")
            .Append(N(Template.Version)).Append(")</dd>\n");
        if (_report.Period is { } reported)
        {
            // A report made from the store: every current audit it holds for these months or quarters, whichever runs recorded them.
            _html.Append("<dt>Reported period</dt><dd>").Append(E(reported.ToString()))
                .Append(": every audit the history store holds for it, whichever runs recorded them</dd>\n");
        }

        _html.Append("<dt>Period covered</dt><dd>");
        if (compliance.FirstAuditDate is { } first && compliance.LastAuditDate is { } last)
        {
            _html.Append(LongDate(first)).Append(" to ").Append(LongDate(last)).Append(": the audit dates of the ")
                .Append(Count(submissions.Accepted, "accepted audit"));
        }
        else
        {
            _html.Append("none: no audit was accepted");
        }

        _html.Append("</dd>\n<dt>As of</dt><dd>").Append(LongDate(_report.AsOf))
            .Append(": the day this report treats as today (actions are due, or overdue, against it)</dd>\n")
            .Append("<dt>Audits</dt><dd>").Append(N(submissions.Accepted)).Append(" accepted of ").Append(Count(submissions.Read, "row")).Append(" read; ")
            .Append(N(submissions.Rejected)).Append(" rejected</dd>\n<dt>Teams</dt><dd>").Append(Count(Teams.Length, "team"));
        if (HasServices)
        {
            _html.Append(" in ").Append(Count(compliance.Services.Length, "service"));
        }

        _html.Append("</dd>\n</dl>\n");
        if (_report.Scope is { } pack)
        {
            _html.Append("<p class=\"note\">This is the pack of ").Append(E(pack.Team)).Append(": its own audits, figures and actions. ")
                .Append(E(AllTeams)).Append(pack.Service is { } service ? " and " + E(ServiceHeading(service)) : string.Empty)
                .Append(" are benchmarks: figures across the run that name no other team's cases.</p>\n");
        }

        _html.Append("</header>\n");
    }

    private void AppendContents()
    {
        _html.Append("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n");
        foreach (var (id, title) in Sections)
        {
            if ((id != "rejected" || !_report.Rejected.IsEmpty) && (id != "programme" || _report.Programme is not null) && (id != "moderation" || _report.Agreement is not null))
            {
                _html.Append("<li><a href=\"#").Append(id).Append("\">").Append(title).Append("</a></li>\n");
            }
        }

        _html.Append("</ol>\n</nav>\n");
    }

    /// <summary>Opens a section with its heading; the class <c>wide</c> puts it on landscape pages of its own, <c>break</c> on a new page.</summary>
    private void OpenSection(string id, string? cssClass = null)
    {
        var title = Sections.Single(s => s.Id == id).Title;
        _html.Append("<section id=\"").Append(id).Append('"');
        if (cssClass is not null)
        {
            _html.Append(" class=\"").Append(cssClass).Append('"');
        }

        _html.Append(" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"").Append(id).Append("-h\">").Append(E(title)).Append("</h2>\n");
    }

    private void CloseSection() => _html.Append("</section>\n");

    /// <summary>"1. The child has been seen alone ..." with "(critical)" after it for a critical criterion.</summary>
    private void AppendCriterionName(int index)
    {
        var criterion = Template.Criteria[index];
        _html.Append(N(index + 1)).Append(". ").Append(E(criterion.Text));
        if (criterion.Critical)
        {
            _html.Append(" <span class=\"crit\">(critical)</span>");
        }
    }

    /// <summary>The criterion's readable name for an id, or the id itself when the template has no such criterion.</summary>
    private string CriterionName(string? id)
    {
        if (id is null)
        {
            return "-";
        }

        var index = CriterionIndex(id);
        return index < 0 ? id : string.Create(CultureInfo.InvariantCulture, $"{index + 1}. {Template.Criteria[index].Text}");
    }

    private int CriterionIndex(string id)
    {
        for (var i = 0; i < Template.Criteria.Length; i++)
        {
            if (string.Equals(Template.Criteria[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private bool IsProvisional(CriterionStat stat) => stat.Compliance is not null && stat.Counts.Applicable < ProvisionalBelow;

    /// <summary>The visible provisional mark, with its word for screen readers.</summary>
    private void AppendProvisionalMark() =>
        _html.Append(" <span class=\"mark\" title=\"provisional: fewer than ").Append(N(ProvisionalBelow))
            .Append(" cases\">&#8224;<span class=\"vh\"> provisional</span></span>");

    /// <summary>Compliance pooled over every criterion: the sum of weighted met over the sum of n.</summary>
    private (double? Compliance, int N) Pooled(GroupSummary group)
    {
        var total = default(OutcomeCounts);
        foreach (var stat in group.Criteria)
        {
            total += stat.Counts;
        }

        return (total.Compliance(Template.Scoring.PartlyWeight), total.Applicable);
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double? fraction) => ActionText.Percent(fraction);

    /// <summary>"1 September 2026".</summary>
    private static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 team", "6 teams".</summary>
    private static string Count(int value, string noun) => N(value) + " " + (value == 1 ? noun : noun + "s");

    /// <summary>"Sep 2026" for the period "2026-09"; any other name as it is.</summary>
    private static string MonthName(string? period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("MMM yyyy", CultureInfo.InvariantCulture)
            : period ?? string.Empty;
}
