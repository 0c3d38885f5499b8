using System.Net;
using System.Text.RegularExpressions;
using AuditKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AuditKit.Tests.Web;

/// <summary>
/// The web app on a store, either in-process (ASP.NET Core's test server, from Microsoft.AspNetCore.Mvc.Testing) or on a
/// real Kestrel listening on a free loopback port; clients keep their own cookies and never follow redirects.
/// </summary>
public sealed partial class WebHostRunner : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebHostRunner(WebApplication app, Uri address, bool kestrel)
    {
        _app = app;
        Address = address;
        Kestrel = kestrel;
    }

    public Uri Address { get; }

    public bool Kestrel { get; }

    public static async Task<WebHostRunner> InProcessAsync(WebAppSettings settings)
    {
        var app = WebApp.Build(settings, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new WebHostRunner(app, new Uri("http://localhost/"), kestrel: false);
    }

    public static async Task<WebHostRunner> KestrelAsync(WebAppSettings settings)
    {
        var app = WebApp.Build(settings);
        await app.StartAsync();
        var address = app.Urls.First();
        return new WebHostRunner(app, new Uri(address.TrimEnd('/') + "/"), kestrel: true);
    }

    /// <summary>A client of its own (its own cookies).</summary>
    public WebClient Client()
    {
        var cookies = new CookieContainer();
        HttpMessageHandler inner = Kestrel
            ? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }
            : _app.GetTestServer().CreateHandler();
        return new WebClient(new HttpClient(new CookieJar(cookies, Address) { InnerHandler = inner }) { BaseAddress = Address }, cookies, Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Keeps cookies across requests, for the test server's handler (which keeps none) as for Kestrel.</summary>
    private sealed class CookieJar(CookieContainer cookies, Uri address) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(address);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    cookies.SetCookies(address, cookie);
                }
            }

            return response;
        }
    }
}

/// <summary>An HTTP client of the web app with its cookies, and the form steps a person takes.</summary>
public sealed partial class WebClient(HttpClient http, CookieContainer cookies, Uri address) : IDisposable
{
    public HttpClient Http { get; } = http;

    public CookieContainer Cookies { get; } = cookies;

    public Uri Address { get; } = address;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form as the page at <paramref name="formPage"/> gives it, with that page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var page = await GetTextAsync(formPage);
        var token = TokenPattern().Matches(page).Select(m => m.Groups[1].Value).Last();
        return await PostAsync(action, [.. fields, ("__RequestVerificationToken", WebUtility.HtmlDecode(token))]);
    }

    public Task<HttpResponseMessage> PostAsync(string action, params (string Name, string Value)[] fields) =>
        Http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public Task<HttpResponseMessage> SignInAsync(string email, string password = WebStore.Password) =>
        PostFormAsync("/sign-in", "/sign-in", ("Email", email), ("Password", password));

    /// <summary>Signs in and checks it worked: a redirect home.</summary>
    public async Task<WebClient> SignedInAsync(string email)
    {
        using var response = await SignInAsync(email);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"signing in as {email}");
        response.Headers.Location!.OriginalString.ShouldBe("/");
        return this;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
