using System.Globalization;
using System.Text;
using AuditKit.Cli.Hosting;
using AuditKit.Compliance.Standards;
using AuditKit.Diagnostics;
using AuditKit.Reporting;
using AuditKit.Reporting.Standards;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary>What <c>auditkit report</c> was asked for across templates.</summary>
/// <param name="Templates">Template ids or files as given; null for every template the store holds (--all-templates).</param>
internal sealed record StandardsRequest(IReadOnlyList<string>? Templates, ReportPeriods Periods, string? Team, IReadOnlySet<string> Outputs, string OutDir);

/// <summary>
/// <c>auditkit report</c> with several templates (or <c>--all-templates</c>): the standards they share rolled up over the
/// periods, from the store alone (each template's latest recorded criteria and their standards), into
/// <c>standards.json</c> and <c>standards.html</c>.
/// </summary>
internal static class StandardsReportCommand
{
    public const string JsonFile = "standards.json";

    public const string HtmlFile = "standards.html";

    public static int Execute(CliContext context, StoreChoice choice, StandardsRequest request, IReadOnlyList<string> rules)
    {
        // A template file given names its template by the id in it; anything else is an id.
        var asked = new List<string>();
        foreach (var given in request.Templates ?? [])
        {
            if (TrendCommand.TemplateId(context, given, rules) is not { } id)
            {
                return ExitCodes.Invalid;
            }

            if (!asked.Contains(id, StringComparer.Ordinal))
            {
                asked.Add(id);
            }
        }

        return ActionsCommand.WithStore(context, choice, opened =>
        {
            var known = opened.TemplateIds();
            if (request.Templates is null)
            {
                if (known.Count < 2)
                {
                    return Refuse(context, Messages.StoreStandardsTooFewTemplates(choice.DisplayName, known));
                }

                asked.AddRange(known);
            }

            if (asked.FirstOrDefault(id => !known.Contains(id, StringComparer.Ordinal)) is { } unknown)
            {
                return Refuse(context, Messages.StoreStandardsTemplateUnknown(unknown, choice.DisplayName, known));
            }

            if (asked.Count < 2)
            {
                return Refuse(context, Messages.StoreStandardsOneTemplate(asked[0]));
            }

            var ids = asked.Order(StringComparer.Ordinal).ToList();

            var periods = request.Periods;
            var sources = opened.ReadAcrossTemplates(ids, periods.From, periods.To, request.Team).Select(Source).ToList();
            if (StandardRollup.Shared(sources).IsEmpty)
            {
                return Refuse(context, Messages.StoreStandardsNoneShared(ids, choice.DisplayName));
            }

            if (sources.All(s => s.Cases.Count == 0))
            {
                context.Error.WriteLine(
                    $"error {Messages.StoreNoAuditsInPeriodCode}: {Messages.StoreNoAuditsInPeriodAcross(ids, periods.ToString(), request.Team, choice.DisplayName)}");
                return ExitCodes.Invalid;
            }

            var report = StandardRollup.Build(sources, periods, request.Team);
            OutputSet.WriteAll(context.PathFor(request.OutDir), set =>
            {
                using (var json = set.Create(JsonFile))
                {
                    StandardsJsonWriter.Write(report, json);
                }

                if (request.Outputs.Contains("html"))
                {
                    using var html = new StreamWriter(set.Create(HtmlFile), new UTF8Encoding(false));
                    StandardsHtmlWriter.Write(report, html);
                }
            });

            var audits = report.Templates.Sum(t => t.Audits);
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Standards of {periods}{(request.Team is null ? string.Empty : $" for {request.Team}")} from {choice.DisplayName}: {report.Standards.Length} shared by "
                + $"{report.Templates.Length} templates ({audits} audits). Outputs written to {request.OutDir}."));
            return ExitCodes.Ok;
        });
    }

    private static int Refuse(CliContext context, string message)
    {
        context.Error.WriteLine($"error {Messages.StoreStandardsCode}: {message}");
        return ExitCodes.Invalid;
    }

    internal static StandardSource Source(StoredTemplateAudits stored) => new(
        stored.Template.Id,
        stored.Template.Version,
        stored.Template.Title,
        stored.Template.PartlyWeight,
        [.. stored.Template.Criteria.Select(c => new StandardCriterion(c.Id, c.Target, c.Standard))],
        stored.Cases);
}
