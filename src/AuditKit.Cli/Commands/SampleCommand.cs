using System.CommandLine;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Excel;
using AuditKit.Sampling;
using AuditKit.Store;
using AuditKit.Text;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit sample</c>: a stratified random sample of cases to audit from a caseload extract, leaving out cases
/// audited recently, with reserves and auditors from other teams; written as CSV (and an audit form) and recorded in the store.
/// </summary>
internal static class SampleCommand
{
    public static Command Create(CliContext context)
    {
        var cases = new Option<string>("--cases") { Description = "The caseload extract (.csv, .xlsx or .json) with case_ref, case_type, team, ...: the columns 'auditkit form --cases' reads.", Required = true };
        var outFile = new Option<string>("--out", "-o") { Description = "The sample to write: a .csv with the caseload's columns, 'auditor' (with --auditors) and 'reserve'.", Required = true };
        var perTeam = new Option<int?>("--per-team") { Description = "Cases to draw from each team." };
        var total = new Option<int?>("--total") { Description = "Cases to draw in all, shared between teams in proportion to their eligible cases." };
        var by = new Option<string?>("--by") { Description = "Also stratify by this column; only case_type." };
        var seed = new Option<int?>("--seed") { Description = "The random seed: the same seed gives the same sample. Default: the --as-of date as yyyyMMdd." };
        var within = new Option<string?>("--exclude-audited-within") { Description = "Leave out cases audited within this time before --as-of (12m, 26w, 90d), from the store." };
        var template = new Option<string?>("--template", "-t") { Description = "The template (its YAML file, or its id): only its audits are looked back over, the sample is for it, and --form is made from it." };
        var rules = CommonOptions.Rules();
        var reserve = new Option<int>("--reserve") { Description = "Reserve cases to draw in each stratum, for cases that turn out unsuitable.", DefaultValueFactory = _ => 0 };
        var auditors = new Option<string?>("--auditors") { Description = "A .csv, .xlsx or .json list with the columns auditor and team: each case gets an auditor from another team, the numbers kept even." };
        var form = new Option<string?>("--form") { Description = "Also write this .xlsx audit form, prefilled with the sampled cases and their auditors (needs --template)." };
        var asOf = CommonOptions.AsOf();
        var store = StoreOptions.Create(allowNoStore: true);
        var command = new Command("sample", "Draw a random sample of cases to audit from a caseload extract, team by team.")
        {
            cases, outFile, perTeam, total, by, seed, within, template, rules, reserve, auditors, form, asOf,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var size = Size(parse.GetValue(perTeam), parse.GetValue(total));
            var byCaseType = ParseBy(parse.GetValue(by));
            var reserveCount = parse.GetValue(reserve);
            if (reserveCount is < 0 or > 1000)
            {
                throw new CliUsageException($"--reserve {reserveCount.ToString(CultureInfo.InvariantCulture)} is out of range; give a number from 0 to 1000.");
            }

            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf), context.Today());
            LookBack? lookBack = null;
            if (parse.GetValue(within) is { } withinText)
            {
                lookBack = LookBack.TryParse(withinText, out var parsed)
                    ? parsed
                    : throw new CliUsageException($"--exclude-audited-within '{withinText}' is not a length of time; write months, weeks or days, for example 12m, 26w or 90d.");
            }

            var formPath = parse.GetValue(form);
            var templateGiven = parse.GetValue(template);
            if (formPath is not null && templateGiven is null)
            {
                throw new CliUsageException("--form makes the audit form from a template; give it with --template (its YAML file, or its id for templates/ID.yaml).");
            }

            var choice = store.Read(context, parse);
            if (choice is null && lookBack is not null)
            {
                throw new CliUsageException("--exclude-audited-within looks back over the audits in the store, so it cannot go with --no-store.");
            }

            var options = new Options(
                parse.GetValue(cases)!, parse.GetValue(outFile)!, size, byCaseType, parse.GetValue(seed) ?? DefaultSeed(date), lookBack, templateGiven,
                parse.GetValue(rules) ?? [], reserveCount, parse.GetValue(auditors), formPath, date, choice);
            return Execute(context, options);
        });
        return command;
    }

    private sealed record Options(
        string Cases, string Out, SampleSize Size, bool ByCaseType, int Seed, LookBack? LookBack, string? Template, string[] Rules, int Reserve,
        string? Auditors, string? Form, DateOnly AsOf, StoreChoice? Store);

    private static int Execute(CliContext context, Options options)
    {
        // The template: its file when a form is wanted (the form needs its criteria), otherwise its id will do.
        Evaluation.CompiledRuleSet? compiled = null;
        string? templateId = null;
        if (options.Template is { } given)
        {
            if (options.Form is not null)
            {
                compiled = TemplateCompilation.LoadAndCompile(context, ReportCommand.TemplatePath(context, given), options.Rules, context.Calendar());
                if (compiled is null)
                {
                    return ExitCodes.Invalid;
                }

                templateId = compiled.Template.Id;
            }
            else
            {
                templateId = TrendCommand.TemplateId(context, given, options.Rules);
                if (templateId is null)
                {
                    return ExitCodes.Invalid;
                }
            }
        }

        var caseload = ReadCaseload(context, options);
        if (caseload is null)
        {
            return ExitCodes.Invalid;
        }

        IReadOnlyList<Auditor> auditorList = [];
        if (options.Auditors is { } auditorsPath)
        {
            var files = SubmissionFiles.Expand(context, [auditorsPath]);
            var (list, problems) = AuditorAssigner.ReadList(files.ReadAll(), auditorsPath);
            if (!Report(context, problems, files.Unreadable))
            {
                return ExitCodes.Invalid;
            }

            auditorList = list;
        }

        var recent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        IAuditStore? opened = null;
        try
        {
            if (options.Store is { } choice && options.LookBack is { } lookBack)
            {
                opened = choice.OpenExisting();
                foreach (var audit in opened.AuditedCases(lookBack.Start(options.AsOf), options.AsOf, templateId))
                {
                    recent.Add(audit.CaseRef.Trim());
                }
            }

            var request = new SampleRequest(options.Size, options.ByCaseType, options.Seed, options.Reserve, recent);
            var sample = AuditorAssigner.Assign(CaseSampler.Draw(caseload.Cases, request), auditorList, options.Seed);
            foreach (var warning in Unassigned(sample, auditorList))
            {
                context.Error.WriteLine(warning);
            }

            // The sample and its form are written whole, or neither is changed.
            var outPath = context.PathFor(options.Out);
            var folder = Path.GetDirectoryName(outPath) is { Length: > 0 } parent ? parent : ".";
            OutputSet.WriteAll(folder, set =>
            {
                using (var csv = set.Create(outPath))
                {
                    WriteCsv(csv, caseload, sample, auditorList.Count > 0);
                }

                if (options.Form is { } formPath)
                {
                    using var form = set.Create(context.PathFor(formPath));
                    WriteForm(form, compiled!.Template, caseload, sample); // compiled is set whenever a form is asked for (checked above)
                }
            });

            Print(context, options, caseload, sample);
            context.Out.WriteLine($"Wrote {options.Out}{(options.Form is null ? string.Empty : $" and the audit form {options.Form}")}.");
            if (options.Store is { } recordIn)
            {
                opened ??= recordIn.Open();
                var stored = ToStored(options, templateId, sample);
                var added = opened.RecordSample(stored);
                context.Out.WriteLine($"Store {options.Store!.DisplayName}: sample {stored.Id} {(added ? "recorded" : "already recorded (the same sample was drawn before)")}.");
            }

            return ExitCodes.Ok;
        }
        catch (StoreException e)
        {
            context.Error.WriteLine(e.UserMessage);
            return ExitCodes.Invalid;
        }
        finally
        {
            opened?.Dispose();
        }
    }

    private static Caseload? ReadCaseload(CliContext context, Options options) => ReadCaseload(context, options.Cases, options.ByCaseType);

    /// <summary>The caseload extract, or null after printing why it cannot be used (its warnings are printed too).</summary>
    internal static Caseload? ReadCaseload(CliContext context, string path, bool needCaseType)
    {
        var files = SubmissionFiles.Expand(context, [path]);
        var caseload = Caseload.Read(files.ReadAll(), needCaseType, path);
        return Report(context, caseload.Problems, files.Unreadable) ? caseload : null;
    }

    /// <summary>Prints the problems (and files that could not be read); false when any stops the sample.</summary>
    private static bool Report(CliContext context, IReadOnlyList<RowProblem> problems, IReadOnlyList<Submissions.RejectedRow> unreadable)
    {
        foreach (var problem in unreadable)
        {
            context.Error.WriteLine($"{problem.Source}: error AK3000: {string.Join(" ", problem.Reasons)}");
        }

        foreach (var problem in problems)
        {
            context.Error.WriteLine(problem.ToString());
        }

        return unreadable.Count == 0 && !problems.Any(p => p.IsError);
    }

    private static IEnumerable<string> Unassigned(SampleResult sample, IReadOnlyList<Auditor> auditors)
    {
        if (auditors.Count == 0)
        {
            yield break;
        }

        foreach (var team in sample.Cases.Where(c => c.Auditor is null).GroupBy(c => c.Case.Team, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"warning {Diagnostics.Messages.Sampling.NoAuditorForTeamCode}: {Diagnostics.Messages.Sampling.NoAuditorForTeam(team.First().Case.Team, team.Count())}";
        }
    }

    private static SampleSize Size(int? perTeam, int? total)
    {
        const string Hint = "for example --per-team 2 or --total 20";
        return (perTeam, total) switch
        {
            ({ }, { }) => throw new CliUsageException($"Give either --per-team or --total, not both ({Hint})."),
            (null, null) => throw new CliUsageException($"Say how many cases to draw: {Hint}."),
            ({ } n, null) => n is >= 1 and <= 100_000 ? SampleSize.EachTeam(n) : throw new CliUsageException($"--per-team {n.ToString(CultureInfo.InvariantCulture)} is out of range; give a number from 1 to 100000."),
            (null, { } n) => n is >= 1 and <= 1_000_000 ? SampleSize.Total(n) : throw new CliUsageException($"--total {n.ToString(CultureInfo.InvariantCulture)} is out of range; give a number from 1 to 1000000."),
        };
    }

    private static bool ParseBy(string? by) => by?.Trim().ToLowerInvariant() switch
    {
        null => false,
        "case_type" => true,
        "team" => false,
        _ => throw new CliUsageException($"--by '{by}' is not a column samples are drawn by; samples are drawn by team, and --by case_type draws by case type within each team."),
    };

    /// <summary>The as-of date as a number (20261130), so that a sample drawn without --seed can be drawn again.</summary>
    private static int DefaultSeed(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    private static void WriteCsv(Stream stream, Caseload caseload, SampleResult sample, bool withAuditors)
    {
        var columns = caseload.Columns
            .Where(c => !string.Equals(c, "reserve", StringComparison.OrdinalIgnoreCase) && !(withAuditors && string.Equals(c, "auditor", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var header = new List<string>(columns);
        if (withAuditors)
        {
            header.Add("auditor");
        }

        header.Add("reserve");
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(CsvText.Line(header));
        foreach (var drawn in sample.Cases)
        {
            var cells = caseload.Rows[drawn.Case.Index];
            var fields = columns.Select(c => cells.GetValueOrDefault(c)).ToList();
            if (withAuditors)
            {
                fields.Add(drawn.Auditor);
            }

            fields.Add(drawn.Reserve ? "true" : "false");
            writer.WriteLine(CsvText.Line(fields));
        }
    }

    /// <summary>The audit form with a row per main case (reserves are added to it only when they are used).</summary>
    private static void WriteForm(Stream stream, Templates.AuditTemplate template, Caseload caseload, SampleResult sample)
    {
        var rows = sample.Main.Select(drawn =>
        {
            var cells = new Dictionary<string, string?>(caseload.Rows[drawn.Case.Index], StringComparer.OrdinalIgnoreCase);
            cells.Remove("reserve");
            if (drawn.Auditor is not null)
            {
                cells["auditor"] = drawn.Auditor;
            }

            return (IReadOnlyDictionary<string, string?>)cells;
        }).ToList();
        new AuditFormWriter().Write(template, rows, 0, stream);
    }

    private static void Print(CliContext context, Options options, Caseload caseload, SampleResult sample)
    {
        var teams = sample.Strata.Select(s => s.Team).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Caseload {options.Cases}: {caseload.Cases.Length} case(s) in {teams} team(s)."));
        var console = context.CreateConsole();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Team");
        if (options.ByCaseType)
        {
            table.AddColumn("Case type");
        }

        var recentHeading = options.LookBack is { } l ? $"Audited within {l}" : "Audited recently";
        table.AddColumn(new TableColumn("Cases").RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(recentHeading)).RightAligned());
        table.AddColumn(new TableColumn("Listed twice").RightAligned());
        table.AddColumn(new TableColumn("Drawn").RightAligned());
        table.AddColumn(new TableColumn("Reserve").RightAligned());
        void Row(string team, string? type, int cases, int recent, int twice, int drawn, int reserves)
        {
            var cells = new List<string> { Markup.Escape(TerminalSafe(team)) };
            if (options.ByCaseType)
            {
                cells.Add(Markup.Escape(TerminalSafe(type ?? "(blank)")));
            }

            cells.AddRange(new[] { cases, recent, twice, drawn, reserves }.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            table.AddRow([.. cells]);
        }

        foreach (var s in sample.Strata)
        {
            Row(s.Team, s.CaseType, s.Cases, s.AuditedRecently, s.ListedTwice, s.Drawn, s.Reserves);
        }

        Row("All teams", options.ByCaseType ? string.Empty : null, sample.Strata.Sum(s => s.Cases), sample.Strata.Sum(s => s.AuditedRecently), sample.Strata.Sum(s => s.ListedTwice), sample.Strata.Sum(s => s.Drawn), sample.Strata.Sum(s => s.Reserves));
        console.Write(table);
        var main = sample.Main.Count();
        var short_ = options.Size.PerTeam
            ? sample.Strata.GroupBy(s => s.Team, StringComparer.OrdinalIgnoreCase).Count(g => g.Sum(s => s.Drawn) < options.Size.Count)
            : 0;
        var size = options.Size.PerTeam ? $"{Invariant(options.Size.Count)} per team" : $"{Invariant(options.Size.Count)} in all";
        var byType = options.ByCaseType ? ", by case type within each team" : string.Empty;
        var left = options.LookBack is { } lb ? $", leaving out cases audited {IsoDate.Format(lb.Start(options.AsOf))} to {IsoDate.Format(options.AsOf)}" : string.Empty;
        var fewer = short_ > 0 ? $" {Invariant(short_)} team(s) had fewer eligible cases than asked for: all of them were drawn." : string.Empty;
        context.Out.WriteLine($"Drew {Invariant(main)} case(s) and {Invariant(sample.Reserves.Count())} reserve(s) with seed {Invariant(options.Seed)} ({size}{byType}{left}).{fewer}");
        if (options.Auditors is not null)
        {
            var loads = sample.Main.Where(c => c.Auditor is not null).GroupBy(c => c.Auditor!, StringComparer.Ordinal).Select(g => g.Count()).ToList();
            context.Out.WriteLine(loads.Count == 0
                ? "No case could be given an auditor."
                : string.Create(CultureInfo.InvariantCulture, $"Auditors: {loads.Count} with {loads.Min()} to {loads.Max()} case(s) each, none from the team of the case."));
        }
    }

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string TerminalSafe(string text) => Console.TerminalText.Escape(text);

    private static StoredSample ToStored(Options options, string? templateId, SampleResult sample)
    {
        var cases = sample.Cases.Select(c => new StoredSampleCase(c.Case.CaseRef, c.Case.Team, c.Case.CaseType, c.Auditor, c.Reserve)).ToList();
        var source = Path.GetFileName(options.Cases.TrimEnd('/', '\\'));
        var identity = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{IsoDate.Format(options.AsOf)}\u001f{templateId}\u001f{options.Seed}\u001f{options.Size}\u001f{options.ByCaseType}\u001f{options.Reserve}\u001f{options.LookBack}"));
        foreach (var c in cases)
        {
            identity.Append('\u001e').Append(c.CaseRef).Append('\u001f').Append(c.Team).Append('\u001f').Append(c.CaseType).Append('\u001f').Append(c.Auditor).Append('\u001f').Append(c.Reserve ? '1' : '0');
        }

        var id = "S-" + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(identity.ToString())).ToString("x16", CultureInfo.InvariantCulture);
        return new StoredSample(id, options.AsOf, templateId, options.Seed, options.Size.ToString(), options.ByCaseType, options.Reserve, options.LookBack?.ToString(), source, [.. cases]);
    }
}
