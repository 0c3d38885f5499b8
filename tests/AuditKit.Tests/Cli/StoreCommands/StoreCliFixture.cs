using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli.StoreCommands;

/// <summary>A temp working folder with synthetic submissions, and shortcuts for the commands the store tests run.</summary>
internal sealed class StoreCliFolder : IDisposable
{
    public StoreCliFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "auditkit-storecli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static string Template => RepoPaths.InRepo("templates", "quality-of-practice.yaml");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes synthetic submissions; audit ids carry the month, so different end months give different audits.</summary>
    public async Task<string> SynthAsync(string name, int count, int seed = 7, string endMonth = "2026-11", int months = 3, int brokenRows = 0)
    {
        var result = await CliRunner.RunAsync(
            Path, "synth", "--template", Template, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--end-month", endMonth,
            "--months", months.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--broken-rows", brokenRows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", name);
        result.ExitCode.ShouldBe(0, result.Error);
        return File(name);
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Path, args);

    public Task<CliResult> AuditAsync(string outDir, params string[] submissionsAndOptions) =>
        CliRunner.RunAsync(Path, ["run", "--template", Template, "--out", outDir, "--as-of", "2026-11-30", "--outputs", "json", "--submissions", .. submissionsAndOptions]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
