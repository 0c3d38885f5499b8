using System.CommandLine;
using System.Globalization;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Cli.Console;
using AuditKit.Cli.Hosting;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Store;
using AuditKit.Templates;
using AuditKit.Text;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit actions list|update|show</c>: the follow-up action register kept in the history store.</summary>
internal static class ActionsCommand
{
    private static readonly string[] Fields =
    [
        "id", "template", "scope", "team", "case_ref", "criterion", "action", "owner", "due", "escalate_to", "status",
        "progress", "created", "updated", "followed_up", "audit_date", "period",
    ];

    public static Command Create(CliContext context)
    {
        var command = new Command("actions", "The follow-up action register: list actions, record progress, show an action's history.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Update(context));
        command.Subcommands.Add(Show(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var team = new Option<string?>("--team") { Description = "Only this team's actions." };
        var status = new Option<string>("--status")
        {
            Description = "open (open or in progress: the default), in_progress, done, cancelled, superseded or all.",
            DefaultValueFactory = _ => "open",
        };
        var overdue = new Option<bool>("--overdue") { Description = "Only open or in-progress actions past their due date (Overdue or Raised late)." };
        var template = new Option<string?>("--template") { Description = "Only actions of this template id." };
        var format = new Option<string>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => "table" };
        var asOf = CommonOptions.AsOf();
        var store = StoreOptions.Create();
        var command = new Command("list", "List follow-up actions with their progress (Complete, On track, Overdue, Raised late, Cancelled, Superseded) and when each was raised.")
        {
            team, status, overdue, template, format, asOf,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var statusText = parse.GetValue(status)!;
            if (!ActionStatusNames.TryParseFilter(statusText.Trim().ToLowerInvariant(), out var statusFilter))
            {
                throw new CliUsageException($"--status '{statusText}' is not a status; choose open, in_progress, done, cancelled, superseded or all.");
            }

            var formatText = ParseFormat(parse.GetValue(format)!, "table", "json", "csv");
            var filter = new ActionFilter(parse.GetValue(team), statusFilter, parse.GetValue(overdue), parse.GetValue(template));
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf), context.Today());
            var choice = store.Read(context, parse)!;
            return WithStore(context, choice, opened =>
            {
                var entries = WithReaudits(opened.ListActions(filter, date), context, date);
                switch (formatText)
                {
                    case "json":
                        context.Out.Write(Json(entries));
                        break;
                    case "csv":
                        context.Out.Write(Csv(entries));
                        break;
                    default:
                        Table(context, entries, date, opened.ActionIdPrefixes());
                        break;
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The action id (see 'auditkit actions list')." };
        var status = new Option<string>("--status") { Description = "in_progress, done or cancelled (open reopens an action).", Required = true };
        var note = new Option<string?>("--note") { Description = "What was done, kept in the action's history." };
        var by = new Option<string?>("--by") { Description = "Who made the change." };
        var asOf = CommonOptions.AsOf();
        var store = StoreOptions.Create();
        var command = new Command("update", "Record progress on an action: its new status, with a note, in the action's history.")
        {
            id, status, note, by, asOf,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var statusText = parse.GetValue(status)!;
            if (!ActionStatusNames.TryParse(statusText.Trim().ToLowerInvariant(), out var newStatus))
            {
                throw new CliUsageException($"--status '{statusText}' is not a status; choose in_progress, done, cancelled or open.");
            }

            if (!newStatus.CanBeSetByHand())
            {
                throw new CliUsageException(
                    "--status superseded is set by AuditKit alone, when the figures or the revision that raised an action no longer call for it; "
                    + "choose in_progress, done, cancelled or open.");
            }

            var typed = parse.GetValue(id)!.Trim();
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf), context.Today());
            return WithStore(context, store.Read(context, parse)!, opened =>
            {
                if (FindAction(context, opened, typed) is not { } actionId)
                {
                    return ExitCodes.Invalid;
                }

                var result = opened.UpdateAction(actionId, newStatus, parse.GetValue(note), parse.GetValue(by), date);
                if (!result.Success)
                {
                    context.Error.WriteLine($"error {result.Code}: {result.Message}");
                    return ExitCodes.Invalid;
                }

                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Action {typed}: {result.Previous?.ToContractName()} -> {result.Current?.ToContractName()} on {IsoDate.Format(date)}."));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The action id." };
        var asOf = CommonOptions.AsOf();
        var store = StoreOptions.Create();
        var command = new Command("show", "Show one action and every change to it.") { id, asOf };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var typed = parse.GetValue(id)!.Trim();
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf), context.Today());
            return WithStore(context, store.Read(context, parse)!, opened =>
            {
                if (FindAction(context, opened, typed) is not { } actionId)
                {
                    return ExitCodes.Invalid;
                }

                var entry = WithReaudits(opened.ListActions(new ActionFilter(Status: ActionStatusFilter.All, Id: actionId), date), context, date).Single();

                var console = context.CreateConsole();
                var details = new Grid().AddColumn().AddColumn();
                void Row(string name, string? value) => details.AddRow($"[bold]{name}[/]", Markup.Escape(value ?? "-"));
                Row("Action", entry.Action);
                Row("Id", entry.Id);
                Row("Template", entry.TemplateId);
                Row("Scope", ActionScopes.Name(entry.Scope));
                Row("Team", entry.Team);
                Row("Case", entry.CaseRef);
                Row("Criterion", entry.Criterion);
                Row("Owner", entry.Owner);
                Row("Escalate to", entry.EscalateTo);
                Row("Due", IsoDate.Format(entry.Due));
                Row("Status", entry.Status.ToContractName());
                details.AddRow("[bold]Progress[/]", ProgressCell(entry.Progress).Markup);
                Row("Raised", Raised(entry));
                Row("Followed up", entry.FollowedUp);
                console.Write(details);
                console.WriteLine();

                var history = new Table().Border(TableBorder.Rounded).Title("[bold]History[/]");
                history.AddColumns("Date", "Change", "Status", "Note", "By");
                foreach (var change in opened.ActionHistory(actionId))
                {
                    var statusText = change.From is { } from && from != change.To
                        ? $"{from.ToContractName()} -> {change.To.ToContractName()}"
                        : change.To.ToContractName();
                    history.AddRow(IsoDate.Format(change.At), change.Change, statusText, Markup.Escape(change.Note ?? string.Empty), Markup.Escape(change.By ?? string.Empty));
                }

                console.Write(history);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>Opens an existing store, runs <paramref name="use"/>, and turns a store failure into its message and exit 2.</summary>
    internal static int WithStore(CliContext context, StoreChoice choice, Func<IAuditStore, int> use, bool mustExist = true)
    {
        try
        {
            using var store = mustExist ? choice.OpenExisting() : choice.Open();
            return use(store);
        }
        catch (StoreException e)
        {
            context.Error.WriteLine(e.UserMessage);
            return ExitCodes.Invalid;
        }
    }

    /// <summary>Case actions' "Followed up": their re-audit, or when one is asked for, whether it is due or overdue.</summary>
    private static List<RegisterEntry> WithReaudits(IReadOnlyList<RegisterEntry> entries, CliContext context, DateOnly asOf)
    {
        var calendar = context.Calendar();
        return [.. entries.Select(e => e.FollowedUp is null && e.DescribeReaudit(calendar, asOf) is { } reaudit ? e with { FollowedUp = reaudit } : e)];
    }

    /// <summary>
    /// The full id of the action <paramref name="typed"/> names: any start of its id of at least four digits that no other
    /// action's id has, in either case. Null, after saying why, when it names none or more than one.
    /// </summary>
    private static string? FindAction(CliContext context, IAuditStore store, string typed)
    {
        const int CandidatesShown = 10;
        if (!ActionIdPrefixes.TryNormalise(typed, out var prefix))
        {
            context.Error.WriteLine($"error {Messages.StoreActionNotFoundCode}: {Messages.StoreActionIdMalformed(typed)}");
            return null;
        }

        var found = store.FindActionIds(prefix, CandidatesShown + 1);
        switch (found.Count)
        {
            case 0:
                context.Error.WriteLine($"error {Messages.StoreActionNotFoundCode}: {Messages.StoreActionNotFound(typed)}");
                return null;
            case 1:
                return found[0];
            default:
                var shown = ActionIdPrefixes.For(found);
                var candidates = found.Take(CandidatesShown).Select(shown.Shorten).Concat(found.Count > CandidatesShown ? ["..."] : []);
                context.Error.WriteLine($"error {Messages.StoreActionAmbiguousCode}: {Messages.StoreActionAmbiguous(typed, candidates)}");
                return null;
        }
    }

    internal static string ParseFormat(string text, params string[] known)
    {
        var format = text.Trim().ToLowerInvariant();
        return known.Contains(format, StringComparer.Ordinal)
            ? format
            : throw new CliUsageException($"--format '{text}' is not a format; choose {string.Join(", ", known)}.");
    }

    private static void Table(CliContext context, IReadOnlyList<RegisterEntry> entries, DateOnly asOf, ActionIdPrefixes ids)
    {
        var console = context.CreateConsole();
        if (entries.Count == 0)
        {
            console.WriteLine("No actions match.");
            return;
        }

        var table = new FittedTable()
            .AddColumn(TableCell.Plain("Id"), wrap: false)
            .AddColumn(TableCell.Plain("Due"), wrap: false)
            .AddColumn(TableCell.Plain("Progress"))
            .AddColumn(TableCell.Plain("Raised"))
            .AddColumn(TableCell.Plain("Status"))
            .AddColumn(TableCell.Plain("Team"))
            .AddColumn(TableCell.Plain("Case / criterion"))
            .AddColumn(TableCell.Plain("Action"))
            .AddColumn(TableCell.Plain("Owner"))
            .AddColumn(TableCell.Plain("Followed up"));
        foreach (var entry in entries)
        {
            table.AddRow(
                TableCell.Plain(ids.Shorten(entry.Id)),
                TableCell.Plain(IsoDate.Format(entry.Due)),
                ProgressCell(entry.Progress),
                TableCell.Plain(Raised(entry)),
                TableCell.Plain(entry.Status.ToContractName()),
                TableCell.Plain(entry.Team ?? "(service)"),
                TableCell.Plain(entry.CaseRef ?? entry.Criterion ?? string.Empty),
                TableCell.Plain(entry.Action),
                TableCell.Plain(entry.Owner),
                TableCell.Plain(entry.FollowedUp ?? string.Empty));
        }

        var title = $"[bold]Follow-up actions[/] ({entries.Count.ToString(CultureInfo.InvariantCulture)}, as of {IsoDate.Format(asOf)})";
        console.Write(table.Build(new Table().Border(TableBorder.Rounded).Title(title), console.Profile.Width));
        var counts = entries.GroupBy(e => e.Progress).OrderBy(g => ProgressOrder(g.Key))
            .Select(g => $"{g.Count().ToString(CultureInfo.InvariantCulture)} {g.Key.ToDisplayName().ToLowerInvariant()}");
        console.WriteLine(string.Join(", ", counts) + ".");
        if (entries.Any(e => e.Progress == ActionProgress.RaisedLate))
        {
            console.WriteLine("Raised late: the due date had already passed when the action was raised (its audit reached the store after the timescale ran out); Overdue: due after it was raised and still not done.");
        }
    }

    /// <summary>"2026-11-30, 30 days after the audit" for a case action; the date it was raised for the others.</summary>
    private static string Raised(RegisterEntry entry) => entry.AuditDate is { } audit
        ? $"{IsoDate.Format(entry.Created)}, {ActionDue.RaisedAfterAudit(audit, entry.Created)}"
        : IsoDate.Format(entry.Created);

    private static int ProgressOrder(ActionProgress progress) => progress switch
    {
        ActionProgress.Overdue => 0,
        ActionProgress.RaisedLate => 1,
        ActionProgress.OnTrack => 2,
        ActionProgress.Complete => 3,
        _ => 4,
    };

    /// <summary>Green complete and on track, red overdue, yellow raised late, grey cancelled: the words always there, colour only to help.</summary>
    private static TableCell ProgressCell(ActionProgress progress) => progress switch
    {
        ActionProgress.Complete or ActionProgress.OnTrack => TableCell.Styled(progress.ToDisplayName(), "green"),
        ActionProgress.Overdue => TableCell.Styled(progress.ToDisplayName(), "red"),
        ActionProgress.RaisedLate => TableCell.Styled(progress.ToDisplayName(), "yellow"),
        _ => TableCell.Styled(progress.ToDisplayName(), "grey"),
    };

    private static string Json(IReadOnlyList<RegisterEntry> entries) => JsonText.Indented(json =>
    {
        json.WriteStartArray();
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            var values = Values(entry);
            for (var i = 0; i < Fields.Length; i++)
            {
                if (values[i] is null)
                {
                    json.WriteNull(Fields[i]);
                }
                else
                {
                    json.WriteString(Fields[i], values[i]);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }) + "\n";

    private static string Csv(IReadOnlyList<RegisterEntry> entries)
    {
        var text = new StringBuilder();
        text.Append(CsvText.Line(Fields)).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(CsvText.Line(Values(entry))).Append('\n');
        }

        return text.ToString();
    }

    private static string?[] Values(RegisterEntry e) =>
    [
        e.Id, e.TemplateId, ActionScopes.Name(e.Scope), e.Team, e.CaseRef, e.Criterion, e.Action, e.Owner, IsoDate.Format(e.Due), e.EscalateTo,
        e.Status.ToContractName(), e.Progress.ToDisplayName(), IsoDate.Format(e.Created), IsoDate.Format(e.Updated), e.FollowedUp,
        e.AuditDate is { } audit ? IsoDate.Format(audit) : null, e.Period,
    ];

}
