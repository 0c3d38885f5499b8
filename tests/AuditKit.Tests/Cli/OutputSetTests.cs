using AuditKit.Cli.Commands;

namespace AuditKit.Tests.Cli;

public sealed class OutputSetTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void IoCause_DiskFull_SaysSoInWords()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Only Linux has a device that is always full.
        }

        var error = Should.Throw<IOException>(() =>
        {
            using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            stream.Write(new byte[8192]);
            stream.Flush();
        });

        OutputSet.IoCause(error).ShouldBe("the disk is full");
        OutputSet.IoCause(new InvalidOperationException("Error saving file", error)).ShouldBe("the disk is full");
        OutputSet.IoCause(new InvalidOperationException("no I/O")).ShouldBeNull();
    }

    [Fact]
    public async Task Run_AnOutputCannotBeWritten_LeavesThePreviousOutputsAsTheyWereAndNamesTheFileAndCause()
    {
        // Arrange: the outputs of an earlier run, then a folder where report.html goes.
        Directory.CreateDirectory(_fixture.PathOf("out"));
        File.WriteAllText(_fixture.PathOf("out", "summary.json"), "{\"earlier\": true}");
        Directory.CreateDirectory(_fixture.PathOf("out", "report.html"));

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits/mini.csv", "--out", "out", "--as-of", "2026-11-30", "--no-store");

        // Assert
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Could not write 'out/report.html': there is a folder of that name in the way");
        File.ReadAllText(_fixture.PathOf("out", "summary.json")).ShouldBe("{\"earlier\": true}");
        Directory.EnumerateFiles(_fixture.PathOf("out")).Select(Path.GetFileName).ShouldBe(["summary.json"]);
    }
}
