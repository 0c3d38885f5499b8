using AuditKit.Cli.Commands;

namespace AuditKit.Tests.Cli;

/// <summary>A submission file is read as it was when it was opened; a file cut short or written to meanwhile is never read as whole.</summary>
public sealed class SnapshotStreamTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "auditkit-snapshot-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Read_FileCutShortWhileItIsRead_ThrowsInsteadOfEndingEarly()
    {
        // Larger than what a read brings in at once, so that the rest is read after the cut.
        File.WriteAllText(_path, "audit_id,team\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"A{i},Team A\n")));
        using var stream = new SnapshotStream(_path);
        stream.ReadExactly(new byte[8]);

        File.WriteAllText(_path, "audit_id,t");

        Should.Throw<IOException>(() => new StreamReader(stream).ReadToEnd());
        stream.Changed.ShouldBeTrue();
    }

    [Fact]
    public void Read_FileAppendedToWhileItIsRead_ReadsOnlyWhatItHeldAndSaysItChanged()
    {
        File.WriteAllText(_path, "audit_id,team\nA1,Team A\n");
        using var stream = new SnapshotStream(_path);
        using (var append = new StreamWriter(_path, append: true))
        {
            append.Write("A2,Te");
        }

        using var reader = new StreamReader(stream);
        reader.ReadToEnd().ShouldBe("audit_id,team\nA1,Team A\n");
        stream.Changed.ShouldBeTrue();
    }

    [Fact]
    public void Changed_FileLeftAlone_False()
    {
        File.WriteAllText(_path, "audit_id,team\nA1,Team A\n");
        using var stream = new SnapshotStream(_path);

        new StreamReader(stream).ReadToEnd().ShouldBe("audit_id,team\nA1,Team A\n");

        stream.Changed.ShouldBeFalse();
    }

    [Fact]
    public async Task Run_FileReplacedWhileItIsRead_ListsItAsChangedAndExitsThree()
    {
        // Arrange: a run of the mini audit whose file is swapped for another as soon as its first row is read.
        using var fixture = new CliFixture();
        var file = fixture.PathOf("audits", "mini.csv");
        var context = new AuditKit.Cli.Hosting.CliContext(TextWriter.Null, TextWriter.Null, AuditKit.Cli.Hosting.CliEnvironment.ForTests(fixture.Folder, Support.CliRunner.FixedNow));
        var files = SubmissionFiles.Expand(context, [file]);

        // Act
        var rows = 0;
        foreach (var _ in files.ReadAll())
        {
            if (rows++ == 0)
            {
                File.WriteAllText(file + ".new", "audit_id\nX1\n");
                File.Move(file + ".new", file, overwrite: true);
            }
        }

        // Assert: every row of the file as it was is read, and the file is named as changed.
        rows.ShouldBe(10);
        files.Unreadable.ShouldHaveSingleItem().Reasons.ShouldBe([AuditKit.Diagnostics.Messages.Submissions.ChangedWhileRead]);
    }
}
