using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.Evaluation;
using AuditKit.FollowUps;
using AuditKit.Reporting;
using AuditKit.Runs;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// Compiles ahead what a run needs once its rows are read, on a processor that is otherwise idle while the command
/// starts (loading and compiling the template takes a single processor a quarter of a second): the hot paths compiled
/// fully optimised from their first call (evaluating, aggregating, hashing ids, sorting, writing case actions), the
/// JSON writer and the console's tables. Without it that compiling happens later, on the thread that evaluates while
/// the other reads, and after reading, where nothing else can overlap it.
/// </summary>
/// <remarks>Only compiles code: it reads no input and writes nothing, and a failure here changes nothing but timing.</remarks>
internal static class RunWarmUp
{
    public static Task Start() => Task.Run(() =>
    {
        try
        {
            CompileOptimisedMethods(Optimised);
            WriteJson();
            LayOutTable();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Warming up is only an optimisation: the run compiles whatever is left when it gets there.
        }
    });

    // The types whose methods are marked to be compiled fully optimised from their first call.
    internal static readonly Type[] Optimised =
    [
        typeof(CompiledRuleSet), typeof(OutcomeCounts), typeof(CaseActionIdHasher), typeof(ComplianceCalculator),
        typeof(EnglandAndWalesCalendar), typeof(ActionIds), typeof(OwnerResolver), typeof(Sha256WithPrefix),
        typeof(RadixSort), typeof(CompactActionList), typeof(CaseActionParts), typeof(CaseActionJsonRenderer), typeof(LayoutTable), typeof(Sha256Lanes),
    ];

    /// <summary>Compiles the methods of <paramref name="types"/> (and their nested types) marked to be compiled fully optimised.</summary>
    private static void CompileOptimisedMethods(IEnumerable<Type> types)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            if (type.ContainsGenericParameters)
            {
                continue;
            }

            foreach (var method in type.GetMethods(All))
            {
                if (!method.IsGenericMethodDefinition && !method.IsAbstract
                    && (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                }
            }

            CompileOptimisedMethods(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        }
    }

    private static void WriteJson()
    {
        using var json = new Utf8JsonWriter(Stream.Null, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("id", "warm-up");
        json.WriteNumber("audits", 1);
        json.WriteNull("team");
        json.WriteStartArray("criteria");
        json.WriteNumberValue(0.5);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Lays out a small table with the markup a run's summary uses, to a console that goes nowhere.</summary>
    private static void LayOutTable()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(TextWriter.Null),
        });
        console.MarkupLine("[bold]Warm-up[/] ([grey]a[/]), [red]1 rejected[/]");
        var table = new Table().Title("[bold]Compliance[/]").AddColumn("criterion").AddColumn(new TableColumn("Team A").RightAligned());
        table.AddRow("[bold]child_seen_alone[/] [bold]*[/]", "[green]87% Green[/]");
        table.AddRow("[yellow]views[/]", "[red]40% Red[/]");
        console.Write(table);
    }
}
