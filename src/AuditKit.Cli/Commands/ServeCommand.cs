using System.CommandLine;
using System.Security.Cryptography;
using AuditKit.Cli.Hosting;
using AuditKit.Evaluation;
using AuditKit.Store;
using AuditKit.Templates;
using AuditKit.Web;
using AuditKit.Web.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit serve</c>: the web app over a store, until Ctrl+C. <c>--demo</c> makes a throw-away store from the bundled
/// samples with one person of each role first, and prints how each signs in.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The bundled sample the demo store is made from, as the README's first command runs it.</summary>
    internal const string DemoTemplate = "templates/quality-of-practice.yaml";

    internal const string DemoSubmissions = "samples/audits";

    internal const string DemoAsOf = "2026-11-30";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {WebAppSettings.DefaultUrls}).", DefaultValueFactory = _ => WebAppSettings.DefaultUrls };
        var templates = new Option<string>("--templates") { Description = "The folder of audit templates the figures are worked out by (default: templates).", DefaultValueFactory = _ => "templates" };
        var demo = new Option<bool>("--demo") { Description = "Serve a throw-away demo store made from the bundled samples, with a demo person of each role." };
        var store = StoreOptions.Create();
        var command = new Command("serve", "Start the web app: signed-in people see their own team's or service's audits, figures and actions.")
        {
            urls, templates, demo,
        };
        store.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var folder = context.PathFor(parse.GetValue(templates)!);
            if (!Directory.Exists(folder))
            {
                await context.Error.WriteLineAsync($"error {WebMessages.TemplatesMissingCode}: {WebMessages.TemplatesMissing(parse.GetValue(templates)!)}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            string? demoFolder = null;
            StoreChoice choice;
            if (parse.GetValue(demo))
            {
                if (parse.GetValue(store.Db) is not null || parse.GetValue(store.Connection) is not null)
                {
                    throw new CliUsageException("--demo makes its own store; leave out --db and --connection.");
                }

                demoFolder = Path.Combine(Path.GetTempPath(), "auditkit-demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
                var made = await MakeDemo(context, demoFolder).ConfigureAwait(false);
                if (made is null)
                {
                    return ExitCodes.Invalid;
                }

                choice = made;
            }
            else
            {
                choice = store.Read(context, parse)!;
            }

            try
            {
                // Open once first: a store that cannot be used is said so now, and its schema is brought up to date.
                ActionsCommand.WithStore(context, choice, _ => ExitCodes.Ok, mustExist: false);
                var (openId, proxy) = ReadWebSettings(context);
                var ruleSets = LoadRuleSets(context, folder);
                var settings = new WebAppSettings(choice.Open, ruleSets.ToDictionary(p => p.Key, p => p.Value.Template, StringComparer.Ordinal), parse.GetValue(urls)!)
                {
                    Clock = context.Environment.Clock,
                    RuleSets = ruleSets,
                    Calendar = context.Calendar(),
                    OpenIdConnect = openId,
                    Proxy = proxy,
                };
                await using var app = WebApp.Build(settings, context.AddServiceLifetime);
                try
                {
                    await app.StartAsync(cancel).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    await context.Error.WriteLineAsync($"error {WebMessages.CannotListenCode}: {WebMessages.CannotListen(settings.Urls, e.InnerException?.Message ?? e.Message)}").ConfigureAwait(false);
                    return ExitCodes.Invalid;
                }

                await context.Out.WriteLineAsync($"AuditKit is serving {choice.DisplayName} at {settings.Urls}. Press Ctrl+C to stop.").ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            finally
            {
                if (demoFolder is not null)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(demoFolder, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>
    /// The <c>Web:OpenIdConnect</c> and <c>Web:Proxy</c> sections of the settings (auditkit.json and AUDITKIT_ variables);
    /// OpenID Connect is on when its section names an authority. Settings that cannot work are a usage error saying which.
    /// </summary>
    internal static (OpenIdSignInOptions? OpenId, Web.Security.ProxyOptions Proxy) ReadWebSettings(CliContext context)
    {
        using var configuration = new ConfigurationManager();
        context.AddConfiguration(configuration);
        OpenIdSignInOptions? openId = null;
        var proxy = new Web.Security.ProxyOptions();
        try
        {
            var section = configuration.GetSection(OpenIdSignInOptions.SectionName);
            if (section.Exists())
            {
                openId = new OpenIdSignInOptions();
                section.Bind(openId);
            }

            configuration.GetSection(Web.Security.ProxyOptions.SectionName).Bind(proxy);
        }
        catch (InvalidOperationException e)
        {
            throw new CliUsageException($"The Web settings in auditkit.json have the wrong shape: {e.Message}");
        }

        var problems = (openId?.Problems() ?? []).Concat(proxy.Problems()).ToList();
        if (problems.Count > 0)
        {
            throw new CliUsageException(string.Join(" ", problems));
        }

        return (openId, proxy);
    }

    /// <summary>Every template of the folder that compiles, by id; one that does not is reported and left out.</summary>
    internal static IReadOnlyDictionary<string, AuditTemplate> LoadTemplates(CliContext context, string folder) =>
        LoadRuleSets(context, folder).ToDictionary(p => p.Key, p => p.Value.Template, StringComparer.Ordinal);

    /// <summary>Every template of the folder compiled (the rules the form evaluates by, as <c>run</c> does), by id.</summary>
    internal static IReadOnlyDictionary<string, CompiledRuleSet> LoadRuleSets(CliContext context, string folder)
    {
        var calendar = context.Calendar();
        var templates = new Dictionary<string, CompiledRuleSet>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var result = TemplateValidator.ValidateTemplate(path, null, calendar);
            if (result.Compiled is { } compiled)
            {
                templates.TryAdd(compiled.Template.Id, compiled);
            }
            else
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    context.Error.WriteLine(diagnostic.ToString());
                }
            }
        }

        return templates;
    }

    /// <summary>
    /// The demo store in <paramref name="folder"/>: the bundled sample run into it, and one person of each role (the team
    /// manager and auditor of the first team, the service manager of its service), whose sign-in details are printed.
    /// </summary>
    internal static async Task<StoreChoice?> MakeDemo(CliContext context, string folder)
    {
        var template = context.PathFor(DemoTemplate);
        var submissions = context.PathFor(DemoSubmissions);
        foreach (var needed in new[] { template, submissions })
        {
            if (!File.Exists(needed) && !Directory.Exists(needed))
            {
                await context.Error.WriteLineAsync($"error {WebMessages.DemoSamplesMissingCode}: {WebMessages.DemoSamplesMissing(needed)}").ConfigureAwait(false);
                return null;
            }
        }

        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, AuditStore.DefaultFileName);
        var code = await AuditKitCli.InvokeAsync(
            ["run", "--template", template, "--submissions", submissions, "--out", Path.Combine(folder, "out"), "--db", db, "--as-of", DemoAsOf],
            TextWriter.Null,
            context.Error,
            context.Environment).ConfigureAwait(false);
        if (code is not (ExitCodes.Ok or ExitCodes.SomeRejected))
        {
            return null;
        }

        var choice = new StoreChoice(db, null);
        using var store = choice.Open();
        var people = UsersCommand.People(store);
        var first = people.TeamServices()[0];
        var demoUsers = new (string Role, string Name, string? Team, string? Service)[]
        {
            (Roles.Auditor, "Demo Auditor", first.Team, null),
            (Roles.TeamManager, "Demo Team Manager", first.Team, null),
            (Roles.ServiceManager, "Demo Service Manager", null, first.Service),
            (Roles.HeadOfService, "Demo Head of Service", null, null),
            (Roles.QaOfficer, "Demo QA Officer", null, null),
            (Roles.Admin, "Demo Administrator", null, null),
        };
        await context.Out.WriteLineAsync($"Demo store made from {DemoSubmissions} in {folder} (deleted when the server stops). Sign in as:").ConfigureAwait(false);
        foreach (var (role, name, team, service) in demoUsers)
        {
            var email = role.Replace('_', '.') + "@demo.auditkit.test";
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            people.AddUser(new StoredUser(email, name, role, team, service, Passwords.Hash(email, password), false, 0, null, context.Today()));
            var scope = team ?? service ?? "every team";
            await context.Out.WriteLineAsync($"  {Roles.DisplayName(role),-16} {email,-40} password {password}  (sees {scope})").ConfigureAwait(false);
        }

        return choice;
    }
}
