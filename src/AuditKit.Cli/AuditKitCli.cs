using System.CommandLine;
using AuditKit.Cli.Commands;
using AuditKit.Cli.Hosting;

namespace AuditKit.Cli;

/// <summary>The <c>auditkit</c> program: its commands, wired to a composition root.</summary>
public static class AuditKitCli
{
    /// <summary>The command people type: the tool's command and the executables' name.</summary>
    public const string CommandName = "auditkit";

    /// <summary>Parses <paramref name="args"/>, runs the command, and returns its exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr, environment ?? CliEnvironment.Default);
        // Named "auditkit" however it is started (a RootCommand takes the name of the file run: AuditKit.Cli under
        // dotnet run), with the help and version options a root command has.
        var root = new Command(CommandName, "AuditKit: rules-driven case file audits for children's services.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            ValidateCommand.Create(context),
            RunCommand.Create(context),
            CheckCommand.Create(context),
            ExplainCommand.Create(context),
            FormCommand.Create(context),
            SampleCommand.Create(context),
            ProgrammeCommand.Create(context),
            SynthCommand.Create(context),
            ActionsCommand.Create(context),
            TrendCommand.Create(context),
            ReportCommand.Create(context),
            ModerationCommand.Create(context),
            WatchCommand.Create(context),
            UsersCommand.Create(context),
            TokensCommand.Create(context),
            AccessCommand.Create(context),
            ServeCommand.Create(context),
            ConfigCommand.Create(context),
        };

        // No response files: a submission path that starts with '@' is a path, never a file of more arguments.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // A usage error: one line per problem naming the option and the fix (never the parser's help dump), exit 2.
            foreach (var line in UsageErrors.Describe(parsed))
            {
                await stderr.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Invalid;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (Store.StoreException e)
        {
            // A store that cannot be used, met outside a command's own handling: its message names it and the cause.
            await stderr.WriteLineAsync(e.UserMessage).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault in AuditKit itself. Exception messages can quote input, so only the type is shown unless asked.
            await stderr.WriteLineAsync($"error: AuditKit stopped unexpectedly ({e.GetType().Name}). Set AUDITKIT_DEBUG=1 to see the details, and please report it.").ConfigureAwait(false);
            if (System.Environment.GetEnvironmentVariable("AUDITKIT_DEBUG") == "1")
            {
                await stderr.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Fault;
        }
    }
}
