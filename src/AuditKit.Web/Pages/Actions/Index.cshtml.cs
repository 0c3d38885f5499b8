using AuditKit.Store;
using AuditKit.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AuditKit.Web.Pages.Actions;

/// <summary><c>/actions</c>: the action register of the person's scope, filtered by team, owner, status and overdue.</summary>
public sealed class IndexModel(RequestStore store, ScopeProvider scopes, WebAppSettings settings, AccessLog log) : PageModel
{
    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
    [
        ("open", "Open or in progress"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled"),
        ("superseded", "Superseded"), ("all", "All"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public IReadOnlyList<RegisterEntry> Actions { get; private set; } = [];

    public IActionResult OnGet()
    {
        var scope = scopes.Current;
        Status = string.IsNullOrWhiteSpace(Status) ? "open" : Status.Trim();
        if (!ActionStatusNames.TryParseFilter(Status, out var status))
        {
            return BadRequest();
        }

        Teams = scope.VisibleTeams();
        var team = string.IsNullOrWhiteSpace(Team) ? null : Team.Trim();
        Actions = [.. store.Audits.ListActions(new ActionFilter(Status: status, Overdue: Overdue), settings.Today)
            .Where(scope.CanSeeAction)
            .Where(a => team is null || string.Equals(a.Team, team, StringComparison.OrdinalIgnoreCase))
            .Where(a => string.IsNullOrWhiteSpace(Owner) || a.Owner.Contains(Owner.Trim(), StringComparison.OrdinalIgnoreCase))];
        log.Viewed(AccessObjects.ActionRegister, team, detail: $"status {Status}" + (Overdue ? ", overdue" : string.Empty)
            + (string.IsNullOrWhiteSpace(Owner) ? string.Empty : $", owner '{Owner.Trim()}'"));
        return Page();
    }
}
