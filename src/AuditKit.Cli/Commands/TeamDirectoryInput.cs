using AuditKit.Cli.Hosting;
using AuditKit.FollowUps;

namespace AuditKit.Cli.Commands;

/// <summary>The <c>--directory teams.yaml</c> option of <c>run</c> and <c>watch</c>.</summary>
internal static class TeamDirectoryInput
{
    /// <summary>
    /// Loads the team directory, printing every diagnostic. False when it has errors (the command then exits 2);
    /// true with a null directory when none was given.
    /// </summary>
    public static bool TryLoad(CliContext context, string? path, out TeamDirectory? directory)
    {
        directory = null;
        if (path is null)
        {
            return true;
        }

        var loaded = TeamDirectoryLoader.Load(context.PathFor(path));
        foreach (var diagnostic in loaded.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        directory = loaded.Value;
        return loaded.Success;
    }
}
