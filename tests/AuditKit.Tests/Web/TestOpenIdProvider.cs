using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AuditKit.Tests.Web;

/// <summary>
/// A minimal OpenID Connect provider on a real Kestrel on loopback, for the web app's sign-in through a council's
/// provider: discovery, JWKS (one RSA key), an authorize endpoint that signs in whoever <see cref="NextPerson"/> names
/// at once (no page) and sends the code back by query, and a token endpoint that checks the client secret and PKCE and
/// answers with an RS256 id_token carrying the person's claims and the nonce.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "auditkit-test-client";

    public const string ClientSecret = "test client secret";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (Dictionary<string, object> Claims, string Nonce, string Challenge, string RedirectUri)> _codes = new();
    private WebApplication? _app;

    /// <summary>The claims of whoever signs in next (besides iss, sub, aud, nonce and times).</summary>
    public Dictionary<string, object> NextPerson { get; set; } = [];

    public string Issuer { get; private set; } = string.Empty;

    public int TokensIssued { get; private set; }

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var provider = new TestOpenIdProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Keys);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.Token);
        await app.StartAsync();
        provider._app = app;
        provider.Issuer = app.Urls.First().TrimEnd('/');
        return provider;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    });

    private IResult Keys()
    {
        var parameters = _key.ExportParameters(false);
        return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "k1", n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) } } });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
        {
            return Results.BadRequest("unexpected authorize request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (new Dictionary<string, object>(NextPerson), query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString());
        var redirect = $"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["grant_type"] != "authorization_code"
            || !_codes.TryRemove(form["code"].ToString(), out var issued) || form["redirect_uri"] != issued.RedirectUri
            || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(issued.Claims)
        {
            ["iss"] = Issuer,
            ["sub"] = "subject-" + (issued.Claims.GetValueOrDefault("email") ?? "none"),
            ["aud"] = ClientId,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 600,
            ["nonce"] = issued.Nonce,
        };
        TokensIssued++;
        return Results.Json(new { access_token = "opaque-access-token", token_type = "Bearer", expires_in = 600, id_token = Sign(claims) });
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "k1" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _key.Dispose();
    }
}
