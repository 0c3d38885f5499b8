using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.Web.Access;
using AuditKit.Web.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditKit.Web.Security;

/// <summary>
/// How the JSON API signs a request in: <c>Authorization: Bearer TOKEN</c> with an API token from
/// <c>auditkit tokens add</c>, else the sign-in cookie of the pages. A token acts as its person, with their role and
/// scope as the store holds them now: it stops when it is revoked, past its last day, or its person is disabled. Not
/// signed in, or a token that does not work: 401 with a JSON problem. The token's text is never logged.
/// </summary>
internal sealed class ApiAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AuditKitApi";

    private const string BearerPrefix = "Bearer ";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private bool _badToken;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var cookie = await Context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return cookie.Succeeded ? AuthenticateResult.Success(new AuthenticationTicket(cookie.Principal, SchemeName)) : AuthenticateResult.NoResult();
        }

        var text = header[BearerPrefix.Length..].Trim();
        var services = Context.RequestServices;
        var store = services.GetRequiredService<RequestStore>();
        var log = services.GetRequiredService<AccessLog>();
        var token = text.Length == 0 ? null : AccessLog.Log(store.Audits).FindToken(ApiTokens.Hash(text));
        if (token is null)
        {
            return Refuse(log, "(unknown API token)", "an API token that is not known");
        }

        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        if (!ApiTokens.Works(token, today))
        {
            return Refuse(log, token.Email, token.Revoked is not null ? $"API token {token.Id}, revoked" : $"API token {token.Id}, expired");
        }

        var user = store.People.FindUser(token.Email);
        if (user is null || user.Disabled)
        {
            return Refuse(log, token.Email, $"API token {token.Id} of a person who is disabled or removed");
        }

        var principal = Person.From(user).ToPrincipal(SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ApiTokens.TokenIdClaim, token.Id)); // ToPrincipal makes one ClaimsIdentity.
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = _badToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        Response.ContentType = "application/problem+json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2");
            json.WriteString("title", "Unauthorized");
            json.WriteNumber("status", StatusCodes.Status401Unauthorized);
            json.WriteString(
                "detail",
                _badToken
                    ? "The API token is not right, has been revoked or has expired, or its person is disabled. Ask for a new token with 'auditkit tokens add'."
                    : "Sign in, or send an API token from 'auditkit tokens add' as 'Authorization: Bearer TOKEN'.");
            json.WriteEndObject();
        }

        await Response.Body.WriteAsync(buffer.ToArray()).ConfigureAwait(false);
    }

    private AuthenticateResult Refuse(AccessLog log, string person, string detail)
    {
        _badToken = true;
        log.SignInFailed(person, detail);
        return AuthenticateResult.Fail("The API token does not work.");
    }
}
