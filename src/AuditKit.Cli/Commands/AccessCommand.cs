using System.CommandLine;
using System.Globalization;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Store;
using AuditKit.Text;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit access list</c>: the web app's access log for an information governance officer (who viewed, downloaded
/// or changed what, signed in or failed to, and when), newest first; and the log entries the command line writes.
/// </summary>
internal static class AccessCommand
{
    /// <summary>How many entries the table shows unless <c>--limit</c> says otherwise (CSV gives them all).</summary>
    public const int TableLimit = 1000;

    private static readonly string[] CsvFields = ["at_utc", "person", "event", "object_kind", "object_id", "case_ref", "detail", "via"];

    public static Command Create(CliContext context)
    {
        var command = new Command("access", "The web app's access log: who viewed, downloaded or changed what, and when.");
        command.Subcommands.Add(List(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var person = new Option<string?>("--person") { Description = "Only this person (their email address)." };
        var caseRef = new Option<string?>("--case") { Description = "Only entries about this case reference (its audits and case actions)." };
        var from = new Option<string?>("--from") { Description = "Only from this day (YYYY-MM-DD, UTC)." };
        var to = new Option<string?>("--to") { Description = "Only up to and including this day (YYYY-MM-DD, UTC)." };
        var limit = new Option<int?>("--limit") { Description = $"At most this many entries, newest first (default: {TableLimit} in the table, all in CSV)." };
        var format = new Option<string>("--format") { Description = "table or csv.", DefaultValueFactory = _ => "table" };
        var store = StoreOptions.Create();
        var command = new Command("list", "List the access log, newest first: when (UTC), who, what, which object and case.")
        {
            person, caseRef, from, to, limit, format,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var formatText = ActionsCommand.ParseFormat(parse.GetValue(format)!, "table", "csv");
            var fromDate = ParseDay("--from", parse.GetValue(from));
            var toDate = ParseDay("--to", parse.GetValue(to));
            if (fromDate > toDate)
            {
                throw new CliUsageException($"--from {IsoDate.Format(fromDate!.Value)} is after --to {IsoDate.Format(toDate!.Value)}; give the earlier day first.");
            }

            var given = parse.GetValue(limit);
            if (given is < 1)
            {
                throw new CliUsageException($"--limit {given} is not a number of entries; give 1 or more.");
            }

            var shown = given ?? (formatText == "table" ? TableLimit : null);
            var filter = new AccessFilter(Blank(parse.GetValue(person)), Blank(parse.GetValue(caseRef)), fromDate, toDate, shown is { } n ? n + 1 : null);
            return ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
            {
                var entries = Log(opened).ListAccess(filter);
                var more = shown is { } most && entries.Count > most;
                var listed = more ? entries.Take(shown!.Value).ToList() : entries;
                if (formatText == "csv")
                {
                    context.Out.Write(Csv(listed));
                }
                else
                {
                    Table(context, listed, more);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>Writes one entry the command line made (people and tokens added, disabled, revoked), under the user running it.</summary>
    internal static void Record(CliContext context, IAuditStore store, string eventName, string objectKind, string objectId, string detail) =>
        Log(store).RecordAccess(new AccessEntry(
            context.Environment.Clock.GetUtcNow(), $"command line ({System.Environment.UserName})", eventName, objectKind, objectId, null, detail, "command line"));

    internal static IAccessStore Log(IAuditStore store) =>
        store as IAccessStore ?? throw new InvalidOperationException("Every store opened by AuditStore keeps an access log.");

    private static void Table(CliContext context, IReadOnlyList<AccessEntry> entries, bool more)
    {
        var console = context.CreateConsole();
        if (entries.Count == 0)
        {
            console.WriteLine("No entries in the access log match.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        // Who, when and which object stay on one line each; the detail and the way in wrap.
        table.AddColumns(
            new TableColumn("When (UTC)").NoWrap(), new TableColumn("Person").NoWrap(), new TableColumn("What"), new TableColumn("Object").NoWrap(),
            new TableColumn("Case").NoWrap(), new TableColumn("Detail"), new TableColumn("Via"));
        foreach (var entry in entries)
        {
            table.AddRow(
                entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(entry.Person),
                Describe(entry.Event),
                Markup.Escape(entry.ObjectKind is null ? "-" : $"{entry.ObjectKind.Replace('_', ' ')} {entry.ObjectId}".TrimEnd()),
                Markup.Escape(entry.CaseRef ?? "-"),
                Markup.Escape(entry.Detail ?? string.Empty),
                Markup.Escape(entry.Via));
        }

        console.Write(table);
        console.WriteLine(more
            ? $"The newest {entries.Count.ToString(CultureInfo.InvariantCulture)} entries; narrow them with --person, --case, --from and --to, or give --limit."
            : $"{entries.Count.ToString(CultureInfo.InvariantCulture)} {(entries.Count == 1 ? "entry" : "entries")}.");
    }

    private static string Csv(IReadOnlyList<AccessEntry> entries)
    {
        var text = new StringBuilder();
        text.Append(CsvText.Line(CsvFields)).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(CsvText.Line(
            [
                entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                entry.Person, entry.Event, entry.ObjectKind, entry.ObjectId, entry.CaseRef, entry.Detail, entry.Via,
            ])).Append('\n');
        }

        return text.ToString();
    }

    private static string Describe(string eventName) => eventName switch
    {
        AccessEvents.View => "viewed",
        AccessEvents.Download => "downloaded",
        AccessEvents.Change => "changed",
        AccessEvents.SignIn => "signed in",
        AccessEvents.SignInFailed => "sign-in refused",
        AccessEvents.SignOut => "signed out",
        _ => Markup.Escape(eventName),
    };

    private static DateOnly? ParseDay(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return IsoDate.TryParse(text.Trim(), out var date)
            ? date
            : throw new CliUsageException($"{option} '{text}' is not a date; write it as YYYY-MM-DD, for example 2026-11-30.");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
