using System.CommandLine;
using AuditKit.Calendar;

namespace AuditKit.Cli.Commands;

/// <summary>Options shared by several commands, named the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Template() => new("--template", "-t")
    {
        Description = "The audit template (a YAML file in templates/).",
        Required = true,
    };

    public static Option<string[]> Submissions() => new("--submissions", "-s")
    {
        Description = "Submission files (.csv, .xlsx, .json) or folders of them.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string[]> Rules() => new("--rules")
    {
        Description = "Further folders to look in for rule sets (after ../rules next to the template).",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string> AsOf() => new("--as-of")
    {
        Description = "The date to treat as today (YYYY-MM-DD): due dates of team and service actions count from it. Default: today.",
    };

    /// <summary>Parses an <c>--as-of</c> value, or gives today.</summary>
    public static DateOnly ParseAsOf(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return today;
        }

        if (IsoDate.TryParse(text.Trim(), out var date))
        {
            // Due dates count working days from it: outside these years they cannot be worked out.
            if (date < AuditKit.Submissions.SubmissionValidator.EarliestAuditDate || date > AuditKit.Submissions.SubmissionValidator.LatestDate)
            {
                throw new CliUsageException(Diagnostics.Messages.AsOfOutOfRange(text.Trim(), AuditKit.Submissions.SubmissionValidator.EarliestAuditDate.Year, AuditKit.Submissions.SubmissionValidator.LatestDate.Year));
            }

            return date;
        }

        throw new CliUsageException($"--as-of '{text}' is not a date; write it as YYYY-MM-DD, for example 2026-11-30.");
    }
}
