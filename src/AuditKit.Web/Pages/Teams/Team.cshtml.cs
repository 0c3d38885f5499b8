using AuditKit.Web.Access;
using AuditKit.Web.Figures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages.Teams;

/// <summary><c>/teams/{team}</c>: the team's compliance by criterion and month for each template, with RAG words.</summary>
public sealed class TeamModel(RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log) : PageModel
{
    public string Team { get; private set; } = string.Empty;

    public IReadOnlyList<TeamTemplateFigures> Figures { get; private set; } = [];

    public IActionResult OnGet(string team)
    {
        var scope = scopes.Current;
        // Out of scope and unknown look the same.
        var known = TeamNames.Find(store.People, team);
        if (known is null || !scope.CanSeeTeam(known.Team))
        {
            return NotFound();
        }

        log.Viewed(Store.AccessObjects.Team, known.Team);
        Team = known.Team;
        Figures = [.. store.Audits.TemplateIds()
            .Select(id => settings.Templates.GetValueOrDefault(id))
            .OfType<Templates.AuditTemplate>()
            .Select(t => TeamFigures.Build(store.Audits, t, Team, settings.Today))
            .OfType<TeamTemplateFigures>()];
        return Page();
    }
}
