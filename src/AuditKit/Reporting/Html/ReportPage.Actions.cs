using AuditKit.Calendar;
using AuditKit.Templates;

namespace AuditKit.Reporting.Html;

/// <summary>The follow-up actions, counted; only the few most urgent are listed (the register is the workbook's and the store's).</summary>
internal sealed partial class ReportPage
{
    /// <summary>How many service and team actions, and how many case actions, the most urgent lists show.</summary>
    public const int UrgentShown = 10;

    private static readonly string[] ScopeNames = ["Case", "Team", "Service"];

    private void AppendActions()
    {
        var actions = _report.Actions;
        var teamCount = actions.TeamAndService.Count(a => a.Scope == ActionScope.Team);
        OpenSection("actions");
        if (actions.Count == 0)
        {
            _html.Append("<p>This run raised no follow-up actions.</p>\n");
            CloseSection();
            return;
        }

        var tally = ActionTally.Count(_report);
        _html.Append("<p>This run raised ").Append(Count(actions.Count, "follow-up action")).Append(": ").Append(N(actions.Cases.Count)).Append(" for cases, ")
            .Append(N(teamCount)).Append(" for teams and ").Append(N(actions.TeamAndService.Length - teamCount)).Append(" across the service. ")
            .Append("This page counts them and lists the most urgent. The whole register, every action with its id, owner, due date and text, is in the ")
            .Append("Actions sheet of <code>compliance.xlsx</code> and in <code>summary.json</code>; a run recorded in the history store keeps them ")
            .Append("with their progress (<code>auditkit actions list</code>).</p>\n");

        var caseOverdue = tally.ByScope[(int)ActionScope.Case, (int)DueState.Overdue];
        if (caseOverdue > 0)
        {
            _html.Append("<p class=\"note\">Case actions fall due a number of working days after the <em>audit</em> date, not after the day they are raised: ")
                .Append(N(caseOverdue)).Append(" of the ").Append(N(actions.Cases.Count)).Append(" case actions were overdue on the as-of date already, ")
                .Append("because their audits took place weeks before this run. Overdue here means late-raised as much as late-done.</p>\n");
        }

        StateTableHead("Actions by scope and due date", "Scope");
        for (var scope = 0; scope < ScopeNames.Length; scope++)
        {
            StateRow(ScopeNames[scope], tally.ByScope, scope);
        }

        StateTotalRow(tally.ByScope);
        _html.Append("</tbody>\n</table>\n");

        StateTableHead("Actions by the role that owns them", "Owner");
        var roles = Enum.GetValues<Role>();
        for (var role = 0; role < tally.ByRole.GetLength(0); role++)
        {
            if (Enumerable.Range(0, 3).Any(s => tally.ByRole[role, s] > 0))
            {
                StateRow(role < roles.Length ? RoleName(roles[role]) : "A rule this template does not have", tally.ByRole, role);
            }
        }

        StateTotalRow(tally.ByRole);
        _html.Append("</tbody>\n</table>\n");
        AppendActionsByTeam(tally);
        AppendUrgent();
        CloseSection();
    }

    private void StateTableHead(string caption, string firstColumn)
    {
        _html.Append("<table>\n<caption>").Append(E(caption)).Append(", against the as-of date</caption>\n")
            .Append("<colgroup><col style=\"width:36%\"><col><col><col><col></colgroup>\n<thead><tr><th scope=\"col\">").Append(E(firstColumn))
            .Append("</th><th scope=\"col\" class=\"num\">Overdue</th><th scope=\"col\" class=\"num\">Due within ").Append(N(ActionTally.DueSoonDays))
            .Append(" days</th><th scope=\"col\" class=\"num\">Not yet due</th><th scope=\"col\" class=\"num\">All</th></tr></thead>\n<tbody>\n");
    }

    private void StateRow(string name, int[,] counts, int row)
    {
        _html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th>");
        var all = 0;
        for (var state = 0; state < 3; state++)
        {
            all += counts[row, state];
            _html.Append("<td class=\"num\">").Append(N(counts[row, state])).Append("</td>");
        }

        _html.Append("<td class=\"num\">").Append(N(all)).Append("</td></tr>\n");
    }

    private void StateTotalRow(int[,] counts)
    {
        _html.Append("<tr class=\"total\"><th scope=\"row\">All</th>");
        var all = 0;
        for (var state = 0; state < 3; state++)
        {
            var sum = Enumerable.Range(0, counts.GetLength(0)).Sum(row => counts[row, state]);
            all += sum;
            _html.Append("<td class=\"num\">").Append(N(sum)).Append("</td>");
        }

        _html.Append("<td class=\"num\">").Append(N(all)).Append("</td></tr>\n");
    }

    private void AppendActionsByTeam(ActionTally tally)
    {
        _html.Append("<table>\n<caption>Actions by team</caption>\n<colgroup><col style=\"width:36%\"><col><col><col><col></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">Team</th><th scope=\"col\" class=\"num\">Case actions</th><th scope=\"col\" class=\"num\">Team actions</th>")
            .Append("<th scope=\"col\" class=\"num\">Overdue</th><th scope=\"col\" class=\"num\">All</th></tr></thead>\n<tbody>\n");
        var names = Teams.Select(t => t.Name ?? string.Empty).ToList();

        // Actions of a team no figure names (a report narrowed to some teams) follow in name order; service actions last.
        names.AddRange(tally.ByTeam.Keys.Where(k => k.Length > 0 && !names.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            var counts = tally.ByTeam.GetValueOrDefault(name) ?? new int[4];
            _html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td class=\"num\">").Append(N(counts[0])).Append("</td><td class=\"num\">")
                .Append(N(counts[1])).Append("</td><td class=\"num\">").Append(N(counts[3])).Append("</td><td class=\"num\">").Append(N(counts[0] + counts[1]))
                .Append("</td></tr>\n");
        }

        if (tally.ByTeam.TryGetValue(string.Empty, out var service))
        {
            _html.Append("<tr><th scope=\"row\">Service actions (across teams)</th><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">")
                .Append(N(service[3])).Append("</td><td class=\"num\">").Append(N(service[2])).Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
    }

    private void AppendUrgent()
    {
        var actions = _report.Actions;
        _html.Append("<h3>Most urgent</h3>\n");

        // Earliest due first; at the same date, service actions before team actions, then the furthest below target
        // (the order they come in breaks the last ties).
        var teamAndService = actions.TeamAndService
            .OrderBy(a => a.Due)
            .ThenByDescending(a => a.Scope)
            .ThenBy(a => a.CompliancePercent is { } c && a.Target is { } t ? c - t : 0)
            .Take(UrgentShown)
            .ToList();
        if (teamAndService.Count > 0)
        {
            _html.Append("<table class=\"urgent\">\n<caption>Service and team actions due first: ").Append(N(teamAndService.Count)).Append(" of ").Append(N(actions.TeamAndService.Length))
                .Append("</caption>\n<colgroup><col style=\"width:14%\"><col style=\"width:15%\"><col style=\"width:22%\"><col><col style=\"width:15%\"></colgroup>\n")
                .Append("<thead><tr><th scope=\"col\">Due</th><th scope=\"col\">Scope and team</th><th scope=\"col\">Criterion</th><th scope=\"col\">Action</th>")
                .Append("<th scope=\"col\">Owner</th></tr></thead>\n<tbody>\n");
            foreach (var action in teamAndService)
            {
                _html.Append("<tr><td>");
                AppendDue(action.Due);
                _html.Append("</td><td>").Append(action.Scope == ActionScope.Service ? "Service" : "Team: " + E(action.Team)).Append("</td><td>")
                    .Append(E(Shorten(CriterionName(action.Criterion)))).Append("</td><td>").Append(E(action.Text)).Append("</td><td>");
                AppendOwner(action.Owner, action.EscalateTo);
                _html.Append("</td></tr>\n");
            }

            _html.Append("</tbody>\n</table>\n");
        }

        // Case actions are in report order already: by due date first, so the first are the most overdue.
        var cases = actions.Cases;
        if (cases.Count == 0)
        {
            return;
        }

        var shown = Math.Min(UrgentShown, cases.Count);
        _html.Append("<table class=\"urgent\">\n<caption>Case actions most overdue: ").Append(N(shown)).Append(" of ").Append(N(cases.Count))
            .Append("</caption>\n<colgroup><col style=\"width:14%\"><col style=\"width:17%\"><col style=\"width:22%\"><col><col style=\"width:15%\"></colgroup>\n")
            .Append("<thead><tr><th scope=\"col\">Due</th><th scope=\"col\">Team and case</th><th scope=\"col\">Criterion</th><th scope=\"col\">Action</th>")
            .Append("<th scope=\"col\">Owner</th></tr></thead>\n<tbody>\n");
        var text = new char[256];
        for (var i = 0; i < shown; i++)
        {
            var action = cases[i];
            _html.Append("<tr><td>");
            AppendDue(action.Due);
            _html.Append("</td><td>").Append(E(action.Team)).Append("<br>Case ").Append(E(new string(action.CaseRef)));
            if (action.AuditDate is { } audited)
            {
                var days = _report.AsOf.DayNumber - audited.DayNumber;
                _html.Append("<br><span class=\"small\">audited ").Append(IsoDate.Format(audited)).Append("; raised ").Append(Count(days, "day")).Append(" after the audit</span>");
            }

            var length = action.FillText(ref text);
            _html.Append("</td><td>").Append(action.Criterion is null ? "Whole case" : E(Shorten(CriterionName(action.Criterion))))
                .Append("</td><td>").Append(E(new string(text, 0, length))).Append("</td><td>");
            AppendOwner(action.Owner, action.EscalateTo);
            _html.Append("</td></tr>\n");
        }

        _html.Append("</tbody>\n</table>\n");
    }

    /// <summary>A criterion's name cut at a word to about 60 characters, for the narrow columns of the urgent lists.</summary>
    private static string Shorten(string name)
    {
        const int Max = 60;
        if (name.Length <= Max)
        {
            return name;
        }

        var cut = name.LastIndexOf(' ', Max);
        return name[..(cut > Max / 2 ? cut : Max)].TrimEnd(',', ';', ' ') + "\u2026";
    }

    private void AppendDue(DateOnly due)
    {
        var days = due.DayNumber - _report.AsOf.DayNumber;
        _html.Append(IsoDate.Format(due)).Append("<br><span class=\"small\">")
            .Append(days < 0 ? "overdue by " + Count(-days, "day") : days == 0 ? "due today" : "due in " + Count(days, "day")).Append("</span>");
    }

    private void AppendOwner(string owner, string? escalateTo)
    {
        _html.Append(E(OwnerName(owner)));
        if (escalateTo is not null)
        {
            _html.Append("<br><span class=\"small\">escalate to ").Append(E(OwnerName(escalateTo))).Append("</span>");
        }
    }

    /// <summary>A role's contract name in words ("team_manager" is "Team manager"); a person's name as it is.</summary>
    private static string OwnerName(string owner) => RoleNames.TryParse(owner, out var role) ? RoleName(role) : owner;

    private static string RoleName(Role role) => role switch
    {
        Role.Practitioner => "Practitioner",
        Role.TeamManager => "Team manager",
        Role.ServiceManager => "Service manager",
        Role.HeadOfService => "Head of service",
        Role.Auditor => "Auditor",
        _ => role.ToString(),
    };
}
