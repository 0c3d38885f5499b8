using System.Text;
using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli;

/// <summary>
/// <c>auditkit</c> end to end on input a hostile tester would try (issue 13): every fault gives a located message
/// and the exit codes of contract 3, never "stopped unexpectedly".
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly CliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("[{\"audit_id\": \"J1\", \"auditor\": \"A \\ud800 B\"}]")]
    [InlineData("[{\"audit_id\": \"J1\", \"auditor\": \"A \u00ff B\"}]")]
    [InlineData("[{\"audit_id\": \"J1\"}] [{\"audit_id\": \"J2\"}]")]
    [InlineData("{\"audit_id\": \"J1\"}")]
    public async Task Run_BrokenJsonBesideAGoodFile_RejectsTheJsonAndRecordsTheOtherFile(string json)
    {
        // Arrange: \u00ff is written as the single byte 0xFF, which is not UTF-8.
        File.WriteAllBytes(_fixture.PathOf("audits", "broken.json"), Encoding.Latin1.GetBytes(json));

        // Act
        var result = await _fixture.RunAsync("run", "--template", "templates/mini-audit.yaml", "--submissions", "audits", "--out", "out", "--as-of", "2026-11-30", "--db", "h.db");

        // Assert
        result.ExitCode.ShouldBe(3, result.Error);
        result.Error.ShouldNotContain("unexpectedly");
        result.Out.ShouldContain("broken.json");
        result.Out.ShouldContain("Store h.db: 7 audits");
    }
}
