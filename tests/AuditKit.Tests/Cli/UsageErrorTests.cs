using AuditKit.Tests.Support;

namespace AuditKit.Tests.Cli;

/// <summary>
/// Usage errors (an unknown option, a missing or bad value, a required option or command left out): exit 2, one line
/// per problem on standard error naming the option and the fix, and never the parser's help dump.
/// </summary>
public sealed class UsageErrorTests
{
    private static readonly string[] Commands = ["validate", "run", "check", "explain", "form", "synth", "actions list", "actions update", "actions show", "trend", "watch"];

    [Theory]
    [InlineData(new[] { "run", "--template", "t.yaml", "--submissions", "a.csv", "--out", "o", "--outptus", "json" }, "error: '--outptus' is not an option of 'auditkit run'. Did you mean '--outputs'?")]
    [InlineData(new[] { "run", "--submissions", "a.csv", "--out", "o" }, "error: --template is required. --template <template>: The audit template (a YAML file in templates/).")]
    [InlineData(new[] { "run", "--submissions", "a.csv", "--out", "o", "--template" }, "error: --template needs a value straight after it. --template <template>: The audit template (a YAML file in templates/).")]
    [InlineData(new[] { "synth", "--template", "t.yaml", "--out", "a.csv", "--count", "ten" }, "error: --count 'ten' is not a whole number; write it in digits, for example --count 12. --count <count>: How many audits to write.")]
    [InlineData(new[] { "watch", "--inbox", "in", "--template", "t.yaml", "--settle", "2s" }, "error: --settle '2s' is not a number; write it in digits with a decimal point, for example --settle 0.5.")]
    [InlineData(new[] { "fomr" }, "error: 'fomr' is not a command of 'auditkit'. Did you mean 'form'?")]
    [InlineData(new string[0], "error: give a command after 'auditkit': validate, run, check, explain, form, sample, programme, synth, actions, trend, report, moderation, watch, users, tokens, access, serve or config.")]
    [InlineData(new[] { "actions" }, "error: give a command after 'auditkit actions': list, update or show.")]
    [InlineData(new[] { "actions", "show" }, "error: 'auditkit actions show' needs <id>. <id>: The action id.")]
    [InlineData(new[] { "actions", "list", "extra" }, "error: 'extra' is not expected here: 'auditkit actions list' takes no more values.")]
    public async Task Invoke_UsageError_ExitsTwoNamingTheOptionAndTheFix(string[] args, string expected)
    {
        // Act
        var result = await CliRunner.RunAsync(Path.GetTempPath(), args);

        // Assert
        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldContain(expected);
        result.Out.ShouldBeEmpty("the help is not dumped; the last line says how to see it");
        var lines = result.Error.TrimEnd('\n').Split('\n');
        lines[..^1].ShouldAllBe(l => l.StartsWith("error: ", StringComparison.Ordinal));
        lines[^1].ShouldStartWith("Run 'auditkit");
        lines[^1].ShouldContain("--help' to see every option");
    }

    [Fact]
    public async Task Invoke_EveryCommandWithAnUnknownOptionOrNothingAtAll_ExitsTwoWithOnlyErrorLines()
    {
        foreach (var command in Commands)
        {
            foreach (var extra in (string[][])[["--no-such-option"], []])
            {
                // Arrange
                string[] args = [.. command.Split(' '), .. extra];

                // Act
                var result = await CliRunner.RunAsync(Path.GetTempPath(), args);

                // Assert: a command that needs nothing given (actions list, trend) fails on the missing store instead.
                var what = string.Join(' ', args);
                result.ExitCode.ShouldBe(2, what + "\n" + result.Error);
                if (command is "validate" or "actions update" or "actions show" && extra.Length > 0)
                {
                    // These take a value of their own (paths, an action id): '--no-such-option' is read as that value.
                    continue;
                }

                result.Error.ShouldStartWith("error", customMessage: what);
                result.Error.ShouldNotContain("Description:", customMessage: what);
                result.Error.ShouldNotContain("Unrecognized", customMessage: what);
                result.Error.ShouldNotContain("System.", customMessage: what);
                result.Out.ShouldBeEmpty(what);
                if (extra.Length > 0)
                {
                    result.Error.ShouldContain($"'--no-such-option' is not an option of 'auditkit {command}'", customMessage: what);
                }
            }
        }
    }

    [Fact]
    public async Task Invoke_Help_StillPrintsTheHelpAndExitsZero()
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), "run", "--help");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("--template");
        result.Error.ShouldBeEmpty();
    }
}
