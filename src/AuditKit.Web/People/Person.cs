using System.Security.Claims;

namespace AuditKit.Web.People;

/// <summary>The signed-in person, as their sign-in cookie names them.</summary>
public sealed record Person(string Email, string Name, string Role, string? Team, string? Service)
{
    public const string TeamClaim = "auditkit:team";
    public const string ServiceClaim = "auditkit:service";

    /// <summary>How the store's action history names the person who made a change.</summary>
    public string HistoryName => $"{Name} ({Email})";

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, Email),
            new(ClaimTypes.Name, Name),
            new(ClaimTypes.Role, Role),
        };
        if (Team is not null)
        {
            claims.Add(new Claim(TeamClaim, Team));
        }

        if (Service is not null)
        {
            claims.Add(new Claim(ServiceClaim, Service));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The person a signed-in principal names; null when it is not signed in.</summary>
    public static Person? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } email
            || principal.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            return null;
        }

        return new Person(
            email,
            principal.FindFirstValue(ClaimTypes.Name) ?? email,
            role,
            principal.FindFirstValue(TeamClaim),
            principal.FindFirstValue(ServiceClaim));
    }

    public static Person From(Store.StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Person(user.Email, user.Name, user.Role, user.Team, user.Service);
    }
}
