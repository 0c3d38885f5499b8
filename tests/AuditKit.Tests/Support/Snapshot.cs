using System.Runtime.CompilerServices;
using System.Text;

namespace AuditKit.Tests.Support;

/// <summary>
/// Compares rendered text with a committed <c>Snapshots/Name.verified.txt</c> beside the test's source file.
/// On a mismatch it writes <c>Name.received.txt</c> next to it and fails with the first differing line.
/// Set <c>AUDITKIT_ACCEPT_SNAPSHOTS=1</c> to accept received text as verified.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "AUDITKIT_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verifiedPath = Path.Combine(folder, name + ".verified.txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        var normalised = Normalise(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verifiedPath, normalised, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        var expected = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;
        if (expected == normalised)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalised, new UTF8Encoding(false));
        var message = expected is null
            ? $"No verified snapshot '{verifiedPath}'. Received text written to '{receivedPath}'; review it and set {AcceptVariable}=1 to accept."
            : $"Snapshot '{name}' differs: {FirstDifference(expected, normalised)}. Received text written to '{receivedPath}'; set {AcceptVariable}=1 to accept.";
        Assert.Fail(message);
    }

    private static string Normalise(string text)
    {
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return lf.EndsWith('\n') ? lf : lf + "\n";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: expected \"{left}\" but got \"{right}\"";
            }
        }

        return "no line differs";
    }
}
