using System.Net.Sockets;
using System.Text;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.Install;

/// <summary>
/// <c>auditkit watch</c> and <c>auditkit serve</c> as systemd <c>Type=notify</c> units: started with a notify socket as
/// systemd gives one, each says READY=1 once it watches or listens, and on SIGTERM says STOPPING=1 and exits 0.
/// </summary>
public sealed class SystemdServiceTests : IDisposable
{
    private readonly SettingsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Watch_UnderSystemdLifetime_NotifiesReadyAndStopsCleanlyOnSigterm()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // systemd is Linux's; the Windows Service is started by the service control manager only.
        }

        var inbox = Path.Combine(_folder.Work, "inbox");
        Directory.CreateDirectory(inbox);
        using var socket = NotifySocket("notify.sock", out var variables);

        using var process = CliProcess.Start(
            _folder.Work, variables, "watch", "--inbox", inbox, "--template", SettingsFolder.Template, "--db", Path.Combine(_folder.Work, "history.db"), "--poll", "0.2");
        var ready = await Receive(socket);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var stopping = await Receive(socket);
        var (exitCode, _, error) = await CliProcess.Finish(process);

        ready.ShouldBe("READY=1");
        stopping.ShouldBe("STOPPING=1");
        exitCode.ShouldBe(0, error);
        // The journal's format: a priority prefix (<6> information) on each line, no colours, no timestamps of its own.
        error.ShouldContain("<6>AuditKit.Cli.Watch.InboxWatcher[");
        error.ShouldContain("Watching ");
    }

    [Fact]
    public async Task Serve_UnderSystemdLifetime_NotifiesReadyServesPagesAndStopsCleanlyOnSigterm()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var socket = NotifySocket("notify-serve.sock", out var variables);
        var url = $"http://127.0.0.1:{FreePort()}";

        using var process = CliProcess.Start(
            _folder.Work, variables, "serve", "--db", Path.Combine(_folder.Work, "auditkit.db"), "--urls", url, "--templates", Path.GetDirectoryName(SettingsFolder.Template)!);
        var ready = await Receive(socket);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        using var signIn = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var stopping = await Receive(socket);
        var (exitCode, _, error) = await CliProcess.Finish(process);

        ready.ShouldBe("READY=1");
        signIn.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        stopping.ShouldBe("STOPPING=1");
        exitCode.ShouldBe(0, error);
    }

    /// <summary>A notify socket as systemd gives a Type=notify unit, and the environment that names it (no store set).</summary>
    private Socket NotifySocket(string name, out Dictionary<string, string?> variables)
    {
        var path = Path.Combine(_folder.Root, name);
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        variables = new Dictionary<string, string?>
        {
            ["NOTIFY_SOCKET"] = path,
            ["HOME"] = _folder.Root,
            ["XDG_CONFIG_HOME"] = _folder.Root,
            ["AUDITKIT_DB"] = null,
            ["AUDITKIT_CONNECTION"] = null,
        };
        return socket;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> Receive(Socket socket)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
