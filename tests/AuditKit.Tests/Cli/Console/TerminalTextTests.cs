using AuditKit.Cli.Console;

namespace AuditKit.Tests.Cli.Console;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("A\u001b[31mred", "A\\u001B[31mred")]
    [InlineData("file\nforged line", "file\\u000Aforged line")]
    [InlineData("right\u202Eleft", "right\\u202Eleft")]
    [InlineData("Siobhán Ó Briain", "Siobhán Ó Briain")]
    public void Escape_ControlCharacters_AreShownAsCodes(string text, string shown) =>
        TerminalText.Escape(text).ShouldBe(shown);
}
