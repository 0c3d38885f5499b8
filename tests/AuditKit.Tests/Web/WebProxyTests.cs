using System.Net;
using AuditKit.Web.Security;

namespace AuditKit.Tests.Web;

/// <summary>
/// Behind the council's reverse proxy: with <c>Web:Proxy:ForwardedHeaders</c> on, a request the proxy says came over
/// HTTPS gets Secure cookies, but only from a known proxy (a real Kestrel on loopback, requests from 127.0.0.1).
/// </summary>
public sealed class WebProxyTests(WebStore store) : IClassFixture<WebStore>
{
    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, true)]
    [InlineData(true, "10.0.0.5", false)]
    [InlineData(true, "127.0.0.1", true)]
    public async Task ForwardedProtoHttps_SecureCookiesOnlyFromAKnownProxy(bool forwarded, string? knownProxy, bool secure)
    {
        var proxy = new ProxyOptions { ForwardedHeaders = forwarded, KnownProxies = knownProxy is null ? [] : [knownProxy] };
        proxy.Problems().ShouldBeEmpty();
        await using var host = await WebHostRunner.KestrelAsync(store.Settings() with { Proxy = proxy });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auditkit.antiforgery=", StringComparison.Ordinal));
        antiforgery.Contains("; secure", StringComparison.OrdinalIgnoreCase).ShouldBe(secure, antiforgery);
    }

    [Fact]
    public void Options_NotAnAddress_SaysWhichSetting()
    {
        var problems = new ProxyOptions { ForwardedHeaders = true, KnownProxies = ["proxy.council"], KnownNetworks = ["10.0.0.0/99"] }.Problems();
        problems.ShouldContain(p => p.Contains("Web:Proxy:KnownProxies holds 'proxy.council'"));
        problems.ShouldContain(p => p.Contains("Web:Proxy:KnownNetworks holds '10.0.0.0/99'"));
    }
}
