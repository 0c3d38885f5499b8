using System.Net;

namespace AuditKit.Web.Security;

/// <summary>
/// The council's reverse proxy (nginx, IIS, a load balancer), from the <c>Web:Proxy</c> section of <c>auditkit.json</c>:
/// when <see cref="ForwardedHeaders"/> is on, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed, from the
/// known proxies only (this machine's loopback when none are named), so that cookies are marked Secure behind HTTPS
/// and the access log names the person's own address.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Web:Proxy";

    public bool ForwardedHeaders { get; set; }

    /// <summary>Addresses of the proxies, such as <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies, such as <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        problems.AddRange(KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"{SectionName}:KnownProxies holds '{p}', which is not an IP address (for example 10.0.0.5)."));
        problems.AddRange(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"{SectionName}:KnownNetworks holds '{n}', which is not a network written as address/prefix (for example 10.0.0.0/24)."));
        return problems;
    }
}
