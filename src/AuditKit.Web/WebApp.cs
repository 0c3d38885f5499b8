using AuditKit.Web.Access;
using AuditKit.Web.People;
using AuditKit.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditKit.Web;

/// <summary>The web app over a store: its services, sign-in, security headers, pages and API.</summary>
public static class WebApp
{
    public const string CookieName = "auditkit.signin";

    /// <summary>The authentication scheme of the council's OpenID Connect provider.</summary>
    public const string OpenIdScheme = "oidc";

    /// <summary>Builds the app; <paramref name="configure"/> may change the builder (tests put a test server in; `serve` its service lifetime).</summary>
    public static WebApplication Build(WebAppSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The keys are kept in the store, which is protected as the audits in it are; saying so at every start helps no one.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(settings.Clock);
        services.AddSingleton<SignInCheck>();
        services.AddHttpContextAccessor();
        services.AddScoped<RequestStore>();
        services.AddScoped<ScopeProvider>();
        services.AddScoped<AccessLog>();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/SignInRefused");
        }).AddApplicationPart(typeof(WebApp).Assembly);
        services.AddDataProtection().SetApplicationName("AuditKit");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new StoreXmlRepository(settings.OpenStore)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "auditkit.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Strict unless people come back from the council's provider: a cookie set at the end of that redirect chain
            // (which began on the provider's site) would not be sent with its last step under Strict.
            o.Cookie.SameSite = settings.OpenIdConnect is null ? SameSiteMode.Strict : SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/sign-in";
            o.AccessDeniedPath = "/sign-in";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidatePerson;
        }).AddScheme<AuthenticationSchemeOptions, ApiAuthentication>(ApiAuthentication.SchemeName, null);
        if (settings.OpenIdConnect is { } openId)
        {
            authentication.AddOpenIdConnect(OpenIdScheme, openId.DisplayName, o => OpenIdSignIn.Configure(o, openId));
        }

        services.AddAuthorization();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (settings.Proxy.ForwardedHeaders)
        {
            app.UseForwardedHeaders(ForwardedHeaderOptions(settings.Proxy));
        }

        app.Use(SecurityHeaders.Add);
        app.UseStatusCodePages(StatusPage);
        if (Directory.Exists(app.Environment.WebRootPath))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath) });
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        if (settings.OpenIdConnect is not null)
        {
            // A link, not a form: the page's CSP (form-action 'self') would stop a form's redirect to the provider.
            app.MapGet("/sign-in/external", (HttpContext http, string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not ('/' or '\\') ? returnUrl : "/" },
                [OpenIdScheme])).AllowAnonymous();
        }

        Api.ApiEndpoints.Map(app);
        return app;
    }

    /// <summary>X-Forwarded-For and X-Forwarded-Proto, believed from the known proxies only (loopback when none are named).</summary>
    private static ForwardedHeadersOptions ForwardedHeaderOptions(ProxyOptions proxy)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        if (proxy.KnownProxies.Count > 0 || proxy.KnownNetworks.Count > 0)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(address));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        }

        return options;
    }

    /// <summary>Pages go to sign in; the API answers with the status alone.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// On every request: the person must still be in the store and not disabled, with the role and scope the cookie names.
    /// A person signed in through the council's provider is not one of the store's users: they keep the role and scope
    /// the provider's claims gave them until the cookie ends, unless the store has a disabled user of their email.
    /// </summary>
    private static async Task ValidatePerson(CookieValidatePrincipalContext context)
    {
        var signedIn = context.Principal is null ? null : Person.From(context.Principal);
        var store = context.HttpContext.RequestServices.GetRequiredService<RequestStore>();
        var user = signedIn is null ? null : store.People.FindUser(signedIn.Email);
        var throughProvider = context.Principal?.FindFirst(OpenIdPerson.SourceClaim)?.Value == OpenIdPerson.SourceOpenId
            && context.HttpContext.RequestServices.GetRequiredService<WebAppSettings>().OpenIdConnect is not null;
        var refused = throughProvider
            ? signedIn is null || user is { Disabled: true }
            : user is null || user.Disabled || Person.From(user) != signedIn;
        if (refused)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>A plain page for 404 and the other errors of pages (the API's stay empty).</summary>
    private static async Task StatusPage(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var title = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "Page not found",
            StatusCodes.Status400BadRequest => "The form could not be used",
            StatusCodes.Status403Forbidden => "You cannot do that",
            _ => "Sorry, there is a problem",
        };
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{title} - AuditKit</title><link rel=\"stylesheet\" href=\"/govuk/govuk-frontend.min.css\"></head>"
            + "<body class=\"govuk-template__body\"><div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">"
            + $"<h1 class=\"govuk-heading-l\">{title}</h1><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a></p>"
            + "</main></div></body></html>").ConfigureAwait(false);
    }
}
