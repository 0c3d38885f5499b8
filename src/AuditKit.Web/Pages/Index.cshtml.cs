using AuditKit.Store;
using AuditKit.Web.Access;
using AuditKit.Web.Figures;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages;

/// <summary><c>/</c>: the person's open actions, their team's latest figures, and the teams they can open.</summary>
public sealed class IndexModel(RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log) : PageModel
{
    /// <summary>How many open actions the home page lists (the register has them all).</summary>
    public const int ActionsShown = 20;

    public AccessScope Scope => scopes.Current;

    public IReadOnlyList<RegisterEntry> Actions { get; private set; } = [];

    public int OpenActions { get; private set; }

    public IReadOnlyList<TeamTemplateFigures> TeamFigures { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public void OnGet()
    {
        log.Viewed(AccessObjects.Home, null);
        var today = settings.Today;
        var open = store.Audits.ListActions(new ActionFilter(), today).Where(Scope.CanSeeAction).ToList();
        var mine = open.Where(Scope.IsOwner).ToList();
        var shown = mine.Count > 0 ? mine : open;
        OpenActions = shown.Count;
        Actions = [.. shown.Take(ActionsShown)];
        Teams = Scope.VisibleTeams();
        if (Scope.Person.Team is { } team && Scope.CanSeeTeam(team))
        {
            TeamFigures = [.. store.Audits.TemplateIds()
                .Select(id => settings.Templates.GetValueOrDefault(id))
                .OfType<Templates.AuditTemplate>()
                .Select(t => Figures.TeamFigures.Build(store.Audits, t, team, today))
                .OfType<TeamTemplateFigures>()];
        }
    }
}
