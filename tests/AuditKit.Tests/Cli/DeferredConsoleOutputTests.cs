using AuditKit.Cli.Console;
using Spectre.Console;

namespace AuditKit.Tests.Cli;

public sealed class DeferredConsoleOutputTests
{
    [Fact]
    public void Print_AfterOtherWork_PrintsWhatTheConsoleWouldHavePrinted()
    {
        var (direct, directText) = NewConsole();
        Render(direct);
        var (deferred, deferredText) = NewConsole();

        var output = DeferredConsoleOutput.Start(deferred, Render);
        deferredText.ToString().ShouldBeEmpty();
        output.Print();
        deferred.MarkupLine("after");

        deferredText.ToString().ShouldBe(directText + "after" + Environment.NewLine);
        deferred.Profile.Width.ShouldBe(90);
    }

    [Fact]
    public void Discard_PrintsNothingAndGivesTheConsoleBack()
    {
        var (console, text) = NewConsole();

        DeferredConsoleOutput.Start(console, Render).Discard();
        console.MarkupLine("after");

        text.ToString().ShouldBe("after" + Environment.NewLine);
    }

    [Fact]
    public void Print_LayingOutFailed_ThrowsAndGivesTheConsoleBack()
    {
        var (console, text) = NewConsole();
        var output = DeferredConsoleOutput.Start(console, _ => throw new InvalidOperationException("layout"));

        Should.Throw<InvalidOperationException>(output.Print);
        console.MarkupLine("after");

        text.ToString().ShouldBe("after" + Environment.NewLine);
    }

    private static (IAnsiConsole Console, StringWriter Text) NewConsole()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 90;
        return (console, text);
    }

    private static void Render(IAnsiConsole console)
    {
        console.MarkupLine("[bold]Compliance[/] by team");
        var table = new Table().AddColumn("criterion").AddColumn(new TableColumn("Team A").RightAligned());
        table.AddRow("child_seen_alone", "87%");
        console.Write(table);
    }
}
