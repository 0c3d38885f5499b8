using System.CommandLine;
using AuditKit.Cli.Hosting;
using AuditKit.Store;
using AuditKit.Web;
using AuditKit.Web.People;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit users add|list|disable</c>: the people who sign in to the web app, kept in the store.</summary>
internal static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("users", "The people who sign in to the web app ('auditkit serve'): add, list, disable.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Disable(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The email address the person signs in with.", Required = true };
        var name = new Option<string>("--name") { Description = "Their name, as audits and actions name them (action owners are matched by it).", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var team = new Option<string?>("--team") { Description = "The team of an auditor or team manager." };
        var service = new Option<string?>("--service") { Description = "The service of a service manager." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (its first line).", Required = true };
        var store = StoreOptions.Create();
        var command = new Command("add", "Add a person with a role (and the team or service it sees), their password read from standard input.")
        {
            email, name, role, team, service, passwordStdin,
        };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var user = Validate(
                context,
                parse.GetValue(email)!.Trim(),
                parse.GetValue(name)!.Trim(),
                parse.GetValue(role)!.Trim().ToLowerInvariant(),
                Blank(parse.GetValue(team)),
                Blank(parse.GetValue(service)),
                context.Environment.Input.ReadLine() ?? string.Empty);
            if (user is null)
            {
                return ExitCodes.Invalid;
            }

            return ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
            {
                if (!People(opened).AddUser(user))
                {
                    context.Error.WriteLine($"error {WebMessages.EmailTakenCode}: {WebMessages.EmailTaken(user.Email)}");
                    return ExitCodes.Invalid;
                }

                AccessCommand.Record(context, opened, AccessEvents.Change, AccessObjects.User, user.Email, $"added as {user.Role}{Scope(user)}");
                context.Out.WriteLine($"Added {user.Name} <{user.Email}> as {user.Role}{Scope(user)}.");
                return ExitCodes.Ok;
            }, mustExist: false);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = StoreOptions.Create();
        var command = new Command("list", "List everyone who can sign in, with their role, team or service, and whether they are disabled.");
        store.AddTo(command);
        command.SetAction(parse => ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
        {
            var users = People(opened).ListUsers();
            var console = context.CreateConsole();
            if (users.Count == 0)
            {
                console.WriteLine("No people yet; add one with 'auditkit users add'.");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("Email", "Name", "Role", "Team", "Service", "Status");
            foreach (var user in users)
            {
                table.AddRow(
                    Markup.Escape(user.Email), Markup.Escape(user.Name), user.Role, Markup.Escape(user.Team ?? "-"), Markup.Escape(user.Service ?? "-"),
                    user.Disabled ? "disabled" : "active");
            }

            console.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Disable(CliContext context)
    {
        var email = new Argument<string>("email") { Description = "The email address of the person." };
        var store = StoreOptions.Create();
        var command = new Command("disable", "Stop a person signing in (their sign-in ends at their next request).") { email };
        store.AddTo(command);
        command.SetAction(parse => ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
        {
            var given = parse.GetValue(email)!.Trim();
            if (!People(opened).DisableUser(given))
            {
                context.Error.WriteLine($"error {WebMessages.UnknownUserCode}: {WebMessages.UnknownUser(given)}");
                return ExitCodes.Invalid;
            }

            AccessCommand.Record(context, opened, AccessEvents.Change, AccessObjects.User, given.ToLowerInvariant(), "disabled");
            context.Out.WriteLine($"Disabled {given.ToLowerInvariant()}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The person to add, or null after printing every problem with what was given.</summary>
    internal static StoredUser? Validate(CliContext context, string email, string name, string role, string? team, string? service, string password)
    {
        var errors = new List<string>();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            errors.Add($"error {WebMessages.EmailNotValidCode}: {WebMessages.EmailNotValid(email)}");
        }

        if (name.Length == 0)
        {
            errors.Add($"error {WebMessages.NameMissingCode}: {WebMessages.NameMissing()}");
        }

        if (!Roles.All.Contains(role, StringComparer.Ordinal))
        {
            errors.Add($"error {WebMessages.UnknownRoleCode}: {WebMessages.UnknownRole(role)}");
        }
        else if (Roles.IsTeamScoped(role) && team is null)
        {
            errors.Add($"error {WebMessages.TeamRequiredCode}: {WebMessages.TeamRequired(role)}");
        }
        else if (role == Roles.ServiceManager && service is null)
        {
            errors.Add($"error {WebMessages.ServiceRequiredCode}: {WebMessages.ServiceRequired(role)}");
        }

        if (password.Length < WebMessages.MinimumPasswordLength)
        {
            errors.Add($"error {WebMessages.PasswordTooShortCode}: {WebMessages.PasswordTooShort(password.Length)}");
        }

        foreach (var error in errors)
        {
            context.Error.WriteLine(error);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var lower = email.ToLowerInvariant();
        return new StoredUser(lower, name, role, team, service, Passwords.Hash(lower, password), false, 0, null, context.Today());
    }

    internal static IPeopleStore People(IAuditStore store) =>
        store as IPeopleStore ?? throw new InvalidOperationException("Every store opened by AuditStore keeps people.");

    private static string Scope(StoredUser user) => user.Team is not null ? $" of {user.Team}" : user.Service is not null ? $" of {user.Service}" : string.Empty;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
