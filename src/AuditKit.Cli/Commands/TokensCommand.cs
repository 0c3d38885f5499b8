using System.CommandLine;
using System.Globalization;
using AuditKit.Calendar;
using AuditKit.Cli.Hosting;
using AuditKit.Store;
using AuditKit.Web;
using AuditKit.Web.Security;
using Spectre.Console;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit tokens add|list|revoke</c>: API tokens for the council's other systems. A token acts as its person, with
/// their role and scope; it is printed once and the store keeps only its SHA-256 hash.
/// </summary>
internal static class TokensCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("tokens", "API tokens for the web app's JSON API ('Authorization: Bearer TOKEN'): add, list, revoke.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Revoke(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The person the token acts as (with their role and scope).", Required = true };
        var name = new Option<string>("--name") { Description = "What uses the token, such as \"Case system export\".", Required = true };
        var expires = new Option<string?>("--expires") { Description = "The last day (YYYY-MM-DD, UTC) the token works on. Default: until it is revoked." };
        var store = StoreOptions.Create();
        var command = new Command("add", "Make an API token for a person and print it once (only its hash is kept).") { email, name, expires };
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var given = parse.GetValue(email)!.Trim().ToLowerInvariant();
            var label = parse.GetValue(name)!.Trim();
            if (label.Length == 0)
            {
                context.Error.WriteLine($"error {WebMessages.TokenNameMissingCode}: {WebMessages.TokenNameMissing()}");
                return ExitCodes.Invalid;
            }

            var now = context.Environment.Clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            DateOnly? last = null;
            if (parse.GetValue(expires) is { } text && !string.IsNullOrWhiteSpace(text))
            {
                if (!IsoDate.TryParse(text.Trim(), out var day))
                {
                    throw new CliUsageException($"--expires '{text}' is not a date; write it as YYYY-MM-DD, for example 2027-03-31.");
                }

                if (day < today)
                {
                    context.Error.WriteLine($"error {WebMessages.TokenExpiresPastCode}: {WebMessages.TokenExpiresPast(IsoDate.Format(day), IsoDate.Format(today))}");
                    return ExitCodes.Invalid;
                }

                last = day;
            }

            return ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
            {
                var user = UsersCommand.People(opened).FindUser(given);
                if (user is null)
                {
                    context.Error.WriteLine($"error {WebMessages.UnknownUserCode}: {WebMessages.UnknownUser(given)}");
                    return ExitCodes.Invalid;
                }

                if (user.Disabled)
                {
                    context.Error.WriteLine($"error {WebMessages.TokenPersonDisabledCode}: {WebMessages.TokenPersonDisabled(user.Email)}");
                    return ExitCodes.Invalid;
                }

                var (token, stored) = ApiTokens.Create(user.Email, label, now, last);
                AccessCommand.Log(opened).AddToken(stored);
                AccessCommand.Record(context, opened, AccessEvents.Change, AccessObjects.Token, stored.Id, $"added for {user.Email}");
                context.Out.WriteLine($"Added API token {stored.Id} \"{label}\" for {user.Name} <{user.Email}> ({user.Role}), {Until(last)}.");
                context.Out.WriteLine("The token is shown only this once; keep it where the system that uses it keeps secrets:");
                context.Out.WriteLine(token);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var store = StoreOptions.Create();
        var command = new Command("list", "List the API tokens: id, person, name, when made, last day, and whether each works.");
        store.AddTo(command);
        command.SetAction(parse => ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
        {
            var tokens = AccessCommand.Log(opened).ListTokens();
            var console = context.CreateConsole();
            if (tokens.Count == 0)
            {
                console.WriteLine("No API tokens yet; add one with 'auditkit tokens add'.");
                return ExitCodes.Ok;
            }

            var today = DateOnly.FromDateTime(context.Environment.Clock.GetUtcNow().UtcDateTime);
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("Id", "Person", "Name", "Added (UTC)", "Last day", "Status");
            foreach (var token in tokens)
            {
                var status = token.Revoked is { } revoked
                    ? "revoked " + revoked.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                    : ApiTokens.Works(token, today) ? "works" : "expired";
                table.AddRow(
                    token.Id, Markup.Escape(token.Email), Markup.Escape(token.Name),
                    token.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    token.Expires is { } last ? IsoDate.Format(last) : "-", status);
            }

            console.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The token's id (see 'auditkit tokens list')." };
        var store = StoreOptions.Create();
        var command = new Command("revoke", "Stop an API token working (from its next request).") { id };
        store.AddTo(command);
        command.SetAction(parse => ActionsCommand.WithStore(context, store.Read(context, parse)!, opened =>
        {
            var given = parse.GetValue(id)!.Trim().ToLowerInvariant();
            if (!AccessCommand.Log(opened).RevokeToken(given, context.Environment.Clock.GetUtcNow()))
            {
                context.Error.WriteLine($"error {WebMessages.UnknownTokenCode}: {WebMessages.UnknownToken(given)}");
                return ExitCodes.Invalid;
            }

            AccessCommand.Record(context, opened, AccessEvents.Change, AccessObjects.Token, given, "revoked");
            context.Out.WriteLine($"Revoked API token {given}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Until(DateOnly? last) => last is { } day ? $"working until the end of {IsoDate.Format(day)} (UTC)" : "working until it is revoked";
}
