using System.CommandLine;
using System.Globalization;
using AuditKit.Cli.Hosting;
using AuditKit.Cli.Watch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit watch</c>: a long-running service that records every submission file dropped in a shared folder.</summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var inbox = new Option<string>("--inbox") { Description = "The shared folder to watch; processed/ and failed/ are made inside it.", Required = true };
        var template = CommonOptions.Template();
        var rules = CommonOptions.Rules();
        var directory = new Option<string?>("--directory") { Description = "A team directory (teams.yaml) naming team managers, service managers and heads of service." };
        var settle = new Option<double>("--settle") { Description = "Seconds a file's size and time must stay the same before it is read.", DefaultValueFactory = _ => 2 };
        var poll = new Option<double>("--poll") { Description = "Seconds between looks at the inbox.", DefaultValueFactory = _ => 1 };
        var store = StoreOptions.Create();
        var command = new Command("watch", "Watch a shared folder: record each .csv, .xlsx or .json file put there into the store, then move it to processed/ or failed/. Stop with Ctrl+C.")
        {
            inbox, template, rules, directory, settle, poll,
        };
        store.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(
            context,
            new WatchRequest(
                parse.GetValue(inbox)!,
                parse.GetValue(template)!,
                parse.GetValue(rules) ?? [],
                parse.GetValue(directory),
                store.Read(context, parse)!,
                Seconds(parse.GetValue(settle), "--settle"),
                Seconds(parse.GetValue(poll), "--poll", minimum: 0.05)),
            cancellation));
        return command;
    }

    /// <summary>Compiles the template, then runs the watcher on the generic host until <paramref name="cancellation"/> or Ctrl+C/SIGTERM.</summary>
    internal static async Task<int> RunAsync(CliContext context, WatchRequest request, CancellationToken cancellation)
    {
        var inbox = context.PathFor(request.Inbox);
        if (!Directory.Exists(inbox))
        {
            throw new CliUsageException($"The inbox folder '{request.Inbox}' does not exist.");
        }

        var calendar = context.Calendar();

        var compiled = TemplateCompilation.LoadAndCompile(context, request.TemplatePath, request.RulesDirectories, calendar);
        if (compiled is null)
        {
            return ExitCodes.Invalid;
        }

        if (!TeamDirectoryInput.TryLoad(context, request.DirectoryPath, out var teamDirectory))
        {
            return ExitCodes.Invalid;
        }

        // Open once before watching, so that a wrong --db or --connection is reported at once (and the schema is made).
        if (ActionsCommand.WithStore(context, request.Store, _ => ExitCodes.Ok, mustExist: false) != ExitCodes.Ok)
        {
            return ExitCodes.Invalid;
        }

        var settings = new WatchSettings(inbox, compiled, request.Store, teamDirectory, request.Settle, request.Poll);
        using var host = context.BuildHost(services =>
        {
            services.AddSingleton(settings);
            services.AddSingleton(context);
            services.AddHostedService<InboxWatcher>();
            services.AddLogging(logging => logging.AddFilter("AuditKit.Cli.Watch", LogLevel.Information));
        });
        await host.RunAsync(cancellation).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static TimeSpan Seconds(double value, string option, double minimum = 0) =>
        value >= minimum && value <= 3600
            ? TimeSpan.FromSeconds(value)
            : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"{option} '{value}' is out of range; give seconds from {minimum} to 3600."));
}

/// <summary>The options of <c>auditkit watch</c>.</summary>
internal sealed record WatchRequest(
    string Inbox,
    string TemplatePath,
    IReadOnlyList<string> RulesDirectories,
    string? DirectoryPath,
    StoreChoice Store,
    TimeSpan Settle,
    TimeSpan Poll);
