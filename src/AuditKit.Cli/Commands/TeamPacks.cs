using System.Globalization;
using System.Text;
using AuditKit.Excel;
using AuditKit.Reporting;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>run --per-team</c>: a folder per team under <c>OUT/teams/</c> holding that team's <c>report.html</c> and
/// <c>compliance.xlsx</c>, written by the same writers as the whole run's from the team's report (<see cref="TeamScope"/>).
/// Folder names come from the team names (<see cref="SafeNames"/>): "Child Protection East" is
/// <c>teams/child-protection-east/</c>.
/// </summary>
internal static class TeamPacks
{
    public const string Folder = "teams";

    private static readonly string[] PackFiles = ["report.html", "compliance.xlsx"];

    /// <summary>Writes each team's pack into <paramref name="set"/>; returns each team's folder name, by team.</summary>
    public static IReadOnlyDictionary<string, string> Write(RunReport report, OutputSet set, IReadOnlySet<string> outputs)
    {
        var folders = SafeNames.For(report.Compliance.Teams.Select(t => t.Name!)); // Every team group has a name.
        foreach (var team in TeamScope.ForEachTeam(report))
        {
            var folder = Path.Combine(Folder, folders[team.Scope!.Team]); // ForEachTeam sets the scope of each.
            if (outputs.Contains("html"))
            {
                using var html = new StreamWriter(set.Create(Path.Combine(folder, "report.html")), new UTF8Encoding(false));
                HtmlReportWriter.Write(team, html);
            }

            if (outputs.Contains("xlsx"))
            {
                using var workbook = set.Create(Path.Combine(folder, "compliance.xlsx"));
                new ComplianceWorkbookWriter().Write(team, workbook);
            }
        }

        return folders;
    }

    /// <summary>
    /// Removes the packs of teams this run has none for (left by an earlier run, they would be taken for this one's): a
    /// folder under <paramref name="teamsFolder"/> that holds only pack files. Anything else is left as it is.
    /// </summary>
    public static void RemoveStale(string teamsFolder, IEnumerable<string> written)
    {
        if (!Directory.Exists(teamsFolder))
        {
            return;
        }

        var keep = new HashSet<string>(written, StringComparer.OrdinalIgnoreCase);
        foreach (var folder in Directory.EnumerateDirectories(teamsFolder).Order(StringComparer.Ordinal))
        {
            if (keep.Contains(Path.GetFileName(folder)) || Directory.EnumerateDirectories(folder).Any())
            {
                continue;
            }

            var files = Directory.GetFiles(folder);
            if (files.Length == 0 || !files.All(f => PackFiles.Contains(Path.GetFileName(f), StringComparer.Ordinal)))
            {
                continue;
            }

            try
            {
                foreach (var file in files)
                {
                    File.Delete(file);
                }

                Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An old pack that cannot be removed is left; this run's packs are written all the same.
            }
        }
    }

    /// <summary>"Team packs: 6 teams in out/teams/ (report.html and compliance.xlsx in a folder per team)."</summary>
    public static string Line(IReadOnlyDictionary<string, string> packs, string folder, IReadOnlySet<string> outputs)
    {
        var files = string.Join(" and ", PackFiles.Where(f => outputs.Contains(f == "report.html" ? "html" : "xlsx")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Team packs: {packs.Count} team{(packs.Count == 1 ? string.Empty : "s")} in {folder.Replace('\\', '/').TrimEnd('/')}/ ({files} in a folder per team).");
    }
}
