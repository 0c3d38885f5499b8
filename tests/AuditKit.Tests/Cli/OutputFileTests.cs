using AuditKit.Cli.Commands;

namespace AuditKit.Tests.Cli;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("auditkit-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Create_NoFileThere_WritesANewFile()
    {
        var path = Path.Combine(_folder, "summary.json");

        using (var stream = OutputFile.Create(path))
        {
            stream.Write("{}"u8);
        }

        File.ReadAllText(path).ShouldBe("{}");
    }

    [Fact]
    public void Create_LongerFileThere_ReplacesItWhole()
    {
        var path = Path.Combine(_folder, "summary.json");
        File.WriteAllText(path, new string('x', 10_000));

        using (var stream = OutputFile.Create(path))
        {
            stream.Write("{}"u8);
        }

        File.ReadAllText(path).ShouldBe("{}");
    }

    [Fact]
    public void Create_FolderInTheWay_FailsWithAnIOError()
    {
        var path = Path.Combine(_folder, "summary.json");
        Directory.CreateDirectory(path);

        Should.Throw<Exception>(() => OutputFile.Create(path).Dispose())
            .ShouldSatisfyAllConditions(e => (e is IOException or UnauthorizedAccessException).ShouldBeTrue(e.GetType().Name));
    }
}
