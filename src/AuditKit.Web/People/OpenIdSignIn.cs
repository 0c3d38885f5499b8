using System.Security.Claims;

namespace AuditKit.Web.People;

/// <summary>How a claim of the council's identity provider names an AuditKit role: the claim, and its values' roles.</summary>
public sealed class RoleClaimOptions
{
    /// <summary>The claim holding the person's roles (Microsoft Entra ID: <c>roles</c>, its app roles).</summary>
    public string Claim { get; set; } = "roles";

    /// <summary>Each value of the claim and the AuditKit role it gives, such as <c>AuditKit.TeamManager</c> to <c>team_manager</c>.</summary>
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Signing in through the council's OpenID Connect provider (such as Microsoft Entra ID), from the <c>Web:OpenIdConnect</c>
/// section of <c>auditkit.json</c>. The client secret comes from configuration or the environment
/// (<c>AUDITKIT_Web__OpenIdConnect__ClientSecret</c>), never from the command line.
/// </summary>
public sealed class OpenIdSignInOptions
{
    public const string SectionName = "Web:OpenIdConnect";

    /// <summary>What the sign-in page's button says after "Sign in with", such as "Microsoft".</summary>
    public string DisplayName { get; set; } = "your council account";

    /// <summary>The provider's issuer, whose <c>/.well-known/openid-configuration</c> describes it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public List<string> Scopes { get; set; } = ["profile", "email"];

    /// <summary>Whether the provider's metadata must come over HTTPS (false only for a provider on this machine, in tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claims naming the person's email address, first found wins (Entra ID: <c>email</c>, else <c>preferred_username</c>).</summary>
    public List<string> EmailClaims { get; set; } = ["email", "preferred_username", "upn"];

    public string NameClaim { get; set; } = "name";

    public RoleClaimOptions Roles { get; set; } = new();

    /// <summary>The claim naming the team of an auditor or team manager.</summary>
    public string TeamClaim { get; set; } = "team";

    /// <summary>The claim naming the service of a service manager.</summary>
    public string ServiceClaim { get; set; } = "service";

    /// <summary>What is wrong with these settings, each saying which setting and how to put it right; empty when none.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Authority) || !Uri.TryCreate(Authority, UriKind.Absolute, out var authority))
        {
            problems.Add($"{SectionName}:Authority must be the provider's address, for example https://login.microsoftonline.com/TENANT-ID/v2.0.");
        }
        else if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{SectionName}:Authority must start with https:// ({Authority} does not).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{SectionName}:ClientId must be the application (client) id the provider gave AuditKit.");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add($"{SectionName}:ClientSecret is missing: set it in the environment (AUDITKIT_Web__OpenIdConnect__ClientSecret) or in an auditkit.json only the service account can read.");
        }

        if (Roles.Map.Count == 0)
        {
            problems.Add($"{SectionName}:Roles:Map is empty: map at least one value of the '{Roles.Claim}' claim to an AuditKit role, for example \"AuditKit.TeamManager\": \"team_manager\".");
        }

        foreach (var (value, role) in Roles.Map)
        {
            if (!People.Roles.All.Contains(role))
            {
                problems.Add($"{SectionName}:Roles:Map gives '{value}' the role '{role}', which is not one of {string.Join(", ", People.Roles.All)}.");
            }
        }

        return problems;
    }
}

/// <summary>Why a person who signed in at the provider cannot use AuditKit; each has its own sentence on the refusal page.</summary>
public enum OpenIdRefusal
{
    NoEmail,
    NoRole,
    NoTeam,
    NoService,
    Disabled,
}

/// <summary>Turns the provider's claims into the <see cref="Person"/> AuditKit knows, or says why it cannot.</summary>
public static class OpenIdPerson
{
    /// <summary>The claim marking a person signed in through the provider (not kept in the store's users).</summary>
    public const string SourceClaim = "auditkit:signin";

    public const string SourceOpenId = "oidc";

    /// <summary>When several mapped roles are given, the one that sees most wins.</summary>
    private static readonly string[] Precedence = [Roles.Admin, Roles.HeadOfService, Roles.QaOfficer, Roles.ServiceManager, Roles.TeamManager, Roles.Auditor];

    public static (Person? Person, OpenIdRefusal? Refusal) From(ClaimsPrincipal principal, OpenIdSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        var email = options.EmailClaims.Select(principal.FindFirstValue).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (email is null)
        {
            return (null, OpenIdRefusal.NoEmail);
        }

        var mapped = principal.FindAll(options.Roles.Claim)
            .Select(c => options.Roles.Map.GetValueOrDefault(c.Value.Trim()))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var role = Precedence.FirstOrDefault(mapped.Contains);
        if (role is null)
        {
            return (null, OpenIdRefusal.NoRole);
        }

        var team = Value(principal, options.TeamClaim);
        var service = Value(principal, options.ServiceClaim);
        if (Roles.IsTeamScoped(role) && team is null)
        {
            return (null, OpenIdRefusal.NoTeam);
        }

        if (role == Roles.ServiceManager && service is null)
        {
            return (null, OpenIdRefusal.NoService);
        }

        var name = Value(principal, options.NameClaim) ?? email;
        return (new Person(email, name, role, Roles.IsTeamScoped(role) ? team : null, role == Roles.ServiceManager ? service : null), null);
    }

    private static string? Value(ClaimsPrincipal principal, string claim) =>
        principal.FindFirstValue(claim) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>
/// The OpenID Connect handler as AuditKit uses it: the authorization code flow with PKCE, answered by query (so the
/// correlation cookies can stay SameSite=Lax), claims kept under the provider's own names, and the provider's person
/// turned into an AuditKit <see cref="Person"/> before the sign-in cookie is written, or sent to the refusal page.
/// </summary>
public static class OpenIdSignIn
{
    public const string CallbackPath = "/signin-oidc";

    public const string RefusedPath = "/sign-in/refused";

    public static void Configure(Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions o, OpenIdSignInOptions settings)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(settings);
        o.SignInScheme = Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme;
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.ResponseType = Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectResponseType.Code;
        o.ResponseMode = Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.CallbackPath = CallbackPath;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        foreach (var scope in settings.Scopes)
        {
            o.Scope.Add(scope);
        }

        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            cookie.HttpOnly = true;
        }

        o.Events.OnTokenValidated = context =>
        {
            var (person, refusal) = OpenIdPerson.From(context.Principal!, settings);
            if (person is not null)
            {
                var store = context.HttpContext.RequestServices.GetService(typeof(Access.RequestStore)) as Access.RequestStore;
                if (store?.People.FindUser(person.Email) is { Disabled: true })
                {
                    refusal = OpenIdRefusal.Disabled;
                }
            }

            if (refusal is { } reason)
            {
                context.HandleResponse();
                context.Response.Redirect($"{RefusedPath}?reason={reason.ToString().ToLowerInvariant()}");
                return Task.CompletedTask;
            }

            var principal = person!.ToPrincipal(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(OpenIdPerson.SourceClaim, OpenIdPerson.SourceOpenId));
            context.Principal = principal;
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            // The person cancelled at the provider, or its answer could not be used: say so, without the details.
            context.HandleResponse();
            context.Response.Redirect($"{RefusedPath}?reason=failed");
            return Task.CompletedTask;
        };
    }
}
