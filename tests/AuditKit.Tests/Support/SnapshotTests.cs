using AuditKit.Tests.Support;

namespace AuditKit.Tests.SupportTests;

public sealed class SnapshotTests
{
    [Fact]
    public void Match_DifferentText_FailsAndWritesReceived()
    {
        if (Environment.GetEnvironmentVariable("AUDITKIT_ACCEPT_SNAPSHOTS") == "1")
        {
            return;
        }

        Should.Throw<Exception>(() => Snapshot.Match("not what was verified", "snapshot-self-test"));
        var received = Path.Combine(SourceFolder(), "Snapshots", "snapshot-self-test.received.txt");
        File.Exists(received).ShouldBeTrue();
        File.Delete(received);
    }

    [Fact]
    public void Match_SameText_Passes() => Snapshot.Match("line one\nline two\n", "snapshot-self-test");

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
