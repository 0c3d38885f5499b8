using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace AuditKit.Benchmarks.Web;

/// <summary>
/// The web app's load client (<c>bench/web-load.sh</c> runs it): signs each person of a users file in through
/// <c>/sign-in</c> (each with a client and cookies of their own), then has them all ask for their team's dashboard at once,
/// each request after the last, until every person has made their requests or the time is up. Prints the latencies'
/// percentiles and the requests per second as one line of JSON.
/// </summary>
/// <remarks>
/// Arguments: <c>web-load --url http://127.0.0.1:5090 --users FILE --password P --requests N --seconds S [--warmup N]</c>,
/// where each line of FILE is <c>email TAB team</c>. Every answer must be 200 with the team's heading, or the run fails.
/// </remarks>
public static partial class WebLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var url = new Uri(options.GetValueOrDefault("url") ?? "http://127.0.0.1:5090/");
        var password = options.GetValueOrDefault("password") ?? throw new ArgumentException("--password is needed.");
        var requests = int.Parse(options.GetValueOrDefault("requests") ?? "20", CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds") ?? "120", CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("warmup") ?? "2", CultureInfo.InvariantCulture);
        var users = File.ReadAllLines(options.GetValueOrDefault("users") ?? throw new ArgumentException("--users is needed."))
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => (Email: p[0], Team: p[1]))
            .ToList();

        var clients = new List<(HttpClient Http, string Team)>();
        foreach (var (email, team) in users)
        {
            clients.Add((await SignInAsync(url, email, password), team));
        }

        Console.Error.WriteLine($"Signed in {clients.Count} people; warming up ({warmup} requests each)...");
        await Task.WhenAll(clients.Select(c => Repeat(c.Http, c.Team, warmup, null, DateTime.MaxValue)));

        var latencies = new List<double>[clients.Count];
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((c, i) => Repeat(c.Http, c.Team, requests, latencies[i] = [], deadline)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"users\":{clients.Count},\"requests\":{all.Length},\"seconds\":{elapsed:0.0},\"rps\":{all.Length / elapsed:0.0},"
            + $"\"p50_ms\":{Percentile(all, 0.50):0.0},\"p95_ms\":{Percentile(all, 0.95):0.0},\"p99_ms\":{Percentile(all, 0.99):0.0},\"max_ms\":{all[^1]:0.0},"
            + $"\"stopped_by_time\":{(DateTime.UtcNow >= deadline ? "true" : "false")}}}");
        Console.WriteLine(json);
        foreach (var (http, _) in clients)
        {
            http.Dispose();
        }

        return 0;
    }

    private static async Task Repeat(HttpClient http, string team, int count, List<double>? latencies, DateTime deadline)
    {
        var path = new Uri("teams/" + Uri.EscapeDataString(team), UriKind.Relative);
        for (var i = 0; i < count && DateTime.UtcNow < deadline; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            // The page names the team (Razor writes an apostrophe as &#x27;).
            if (response.StatusCode != HttpStatusCode.OK || !WebUtility.HtmlDecode(body).Contains(team, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET /teams/{team} answered {(int)response.StatusCode}, not the team's dashboard.");
            }

            latencies?.Add(ms);
        }
    }

    private static async Task<HttpClient> SignInAsync(Uri url, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = url };
        var page = await http.GetStringAsync(new Uri("sign-in", UriKind.Relative));
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        using var form = new FormUrlEncodedContent([new("Email", email), new("Password", password), new("__RequestVerificationToken", token)]);
        using var response = await http.PostAsync(new Uri("sign-in", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}, not a redirect home.");
        }

        return http;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option such as --url, not '{args[i]}'.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
