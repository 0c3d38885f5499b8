using System.CommandLine;
using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Programme;
using AuditKit.Sampling;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit programme status</c>: audits expected, done, due and missed per round, auditor and team, from the store.</summary>
internal static class ProgrammeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("programme", "The audit programme (programme.yaml): rounds, quotas and who audits.");
        command.Subcommands.Add(Status(context));
        return command;
    }

    private static Command Status(CliContext context)
    {
        var programme = new Option<string>("--programme", "-p") { Description = "The programme file (programme.yaml).", Required = true };
        var period = new Option<string?>("--period") { Description = "Only the periods that overlap this month (YYYY-MM). Default: every period so far." };
        var cases = new Option<string?>("--cases") { Description = "A caseload extract (.csv, .xlsx or .json) of open cases: adds coverage, the share of them audited, per team and case type." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        var asOf = CommonOptions.AsOf();
        var store = StoreOptions.Create();
        var command = new Command("status", "Audits expected, done, due and missed (late or not done) per round, auditor and team, from the store.")
        {
            programme, period, cases, format, asOf,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var formatText = ActionsCommand.ParseFormat(parse.GetValue(format)!, "table", "json");
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf), context.Today());
            var month = Month(parse.GetValue(period));
            var loaded = Load(context, parse.GetValue(programme)!);
            if (loaded is null)
            {
                return ExitCodes.Invalid;
            }

            Caseload? caseload = null;
            if (parse.GetValue(cases) is { } casesPath)
            {
                caseload = SampleCommand.ReadCaseload(context, casesPath, needCaseType: false);
                if (caseload is null)
                {
                    return ExitCodes.Invalid;
                }
            }

            var choice = store.Read(context, parse)!;
            return ActionsCommand.WithStore(context, choice, opened =>
            {
                var report = StatusOf(opened, loaded, date, month, caseload?.Cases);
                if (formatText == "json")
                {
                    context.Out.Write(ProgrammeStatusJson.Write(report) + "\n");
                }
                else
                {
                    Render(context, report);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>Where the programme stands on <paramref name="date"/>, from the store's audits and samples since its first round began.</summary>
    internal static ProgrammeStatusReport StatusOf(
        Store.IAuditStore store, AuditProgramme programme, DateOnly date, (DateOnly First, DateOnly Last, string Label)? shown, IReadOnlyList<CaseloadCase>? caseload)
    {
        var from = programme.Rounds.Select(r => r.Start).DefaultIfEmpty(date).Min();
        var audits = from > date ? [] : store.AuditedCases(from, date)
            .Select(a => new ProgrammeAudit(a.TemplateId, a.AuditDate, a.Auditor, a.CaseRef, a.CaseType, a.Team, a.Moderation)).ToList();
        var samples = from > date ? [] : store.Samples(from, date)
            .SelectMany(s => s.Cases.Select(c => new ProgrammeSampleCase(s.Id, s.TemplateId, s.AsOf, c.CaseRef, c.Team, c.Auditor, c.Reserve))).ToList();
        return ProgrammeStatus.Build(programme, date, shown, audits, samples, caseload);
    }

    /// <summary>The programme, or null after printing every problem with its line and column.</summary>
    internal static AuditProgramme? Load(CliContext context, string path)
    {
        var result = ProgrammeLoader.Load(context.PathFor(path));
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        return result.Success ? result.Value : null;
    }

    private static (DateOnly First, DateOnly Last, string Label)? Month(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (Compliance.ReportingPeriod.TryParse(text, out var period) && period.Length == Compliance.PeriodLength.Month)
        {
            var first = period.First;
            return (first, first.AddMonths(1).AddDays(-1), period.ToString());
        }

        throw new CliUsageException($"--period '{text}' is not a month; write it as YYYY-MM, for example --period 2026-11.");
    }

    private static void Render(CliContext context, ProgrammeStatusReport report)
    {
        var console = context.CreateConsole();
        console.WriteLine($"{report.Programme.Title} ({report.Programme.Id}), as of {IsoDate.Format(report.AsOf)}{(report.Month is null ? string.Empty : $", periods in {report.Month}")}.");
        foreach (var round in report.Rounds)
        {
            var r = round.Round;
            console.WriteLine();
            console.WriteLine($"Round {r.Id}: {r.Title} ({r.TemplateId}, {Describe(r)}).");
            if (round.Periods.IsEmpty)
            {
                console.WriteLine(report.Month is null ? "  No period of this round has begun yet." : $"  No period of this round falls in {report.Month}.");
                continue;
            }

            foreach (var period in round.Periods)
            {
                var state = period.Ended ? "ended" : $"current, ends {IsoDate.Format(period.Period.End)}";
                var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{period.Period.Label} ({state})"));
                table.AddColumn(string.Empty);
                foreach (var heading in new[] { "Expected", "Audits", "Done", "Late", "Due", "Not done" })
                {
                    table.AddColumn(new TableColumn(heading).RightAligned());
                }

                AddRow(table, "All teams", period.Service);
                foreach (var auditor in period.Auditors)
                {
                    AddRow(table, $"Auditor: {auditor.Name}{(auditor.Team is null ? string.Empty : $" ({auditor.Team})")}", auditor.Tally);
                }

                foreach (var team in period.Teams)
                {
                    AddRow(table, $"Team: {team.Name}", team.Tally);
                }

                console.Write(table);
            }
        }

        if (report.Coverage is { } coverage)
        {
            console.WriteLine();
            console.WriteLine($"Coverage: open cases of the caseload audited with the programme's templates, {(report.CoverageFrom is { } f ? IsoDate.Format(f) : "-")} to {IsoDate.Format(report.Month is null ? report.AsOf : Min(report))}.");
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("Team");
            table.AddColumn("Case type");
            table.AddColumn(new TableColumn("Open cases").RightAligned());
            table.AddColumn(new TableColumn("Audited").RightAligned());
            table.AddColumn(new TableColumn("Coverage").RightAligned());
            foreach (var row in coverage)
            {
                table.AddRow(
                    Markup.Escape(Safe(row.Team ?? "All teams")),
                    Markup.Escape(Safe(row.CaseType ?? (row.Team is null ? string.Empty : "all"))),
                    Invariant(row.Open),
                    Invariant(row.Audited),
                    row.Share is { } share ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-");
            }

            console.Write(table);
        }

        console.WriteLine();
        console.WriteLine("Done: expected audits done in their period. Late: done after it ended. Due: still to do in a period not yet ended. Not done: missing from a period that has ended. Moderation audits are not counted.");
    }

    private static DateOnly Min(ProgrammeStatusReport report)
    {
        var month = Month(report.Month)!.Value; // Month holds a month that parsed when the report was made
        return month.Last < report.AsOf ? month.Last : report.AsOf;
    }

    private static string Describe(AuditRound round)
    {
        var when = round.Period switch
        {
            RoundPeriodKind.Monthly => $"monthly from {IsoDate.Format(round.Start)}",
            RoundPeriodKind.Fortnightly => $"fortnightly from {IsoDate.Format(round.Start)}",
            _ => $"window {IsoDate.Format(round.Start)} to {IsoDate.Format(round.End ?? round.Start)}",
        };
        if (round.Period != RoundPeriodKind.Window && round.End is { } end)
        {
            when += $" to {IsoDate.Format(end)}";
        }

        var quota = round.Sampled
            ? "sampled: the cases drawn with 'auditkit sample'"
            : string.Join(", ", new[]
            {
                round.Quota.PerAuditor is { } a ? $"{Invariant(a)} per auditor" : null,
                round.Quota.PerTeam is { } t ? $"{Invariant(t)} per team" : null,
                round.Quota.Service is { } s ? $"{Invariant(s)} across the service" : null,
            }.OfType<string>()) + " per period";
        return $"{when}; {quota}";
    }

    private static void AddRow(Table table, string who, Tally tally) => table.AddRow(
        Markup.Escape(Safe(who)),
        tally.Expected is { } e ? Invariant(e) : "-",
        Invariant(tally.Audits),
        Invariant(tally.Done),
        Invariant(tally.Late),
        Invariant(tally.Due),
        Invariant(tally.NotDone));

    private static string Safe(string text) => Console.TerminalText.Escape(text);

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
