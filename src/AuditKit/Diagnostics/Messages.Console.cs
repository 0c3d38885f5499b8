using System.Globalization;

namespace AuditKit.Diagnostics;

/// <summary>Message texts of the command line's own output: no case-file values.</summary>
public static partial class Messages
{
    /// <summary>The console summary of a run could not be laid out; the files written have everything.</summary>
    public static string ConsoleSummaryNotDrawn(string? outputFolder) =>
        outputFolder is null
            ? "note: The summary could not be drawn on this console; the outputs have everything."
            : $"note: The summary could not be drawn on this console; everything is in the outputs written to {outputFolder}.";

    /// <summary>An <c>--as-of</c> date outside the years due dates can be worked out for.</summary>
    public static string AsOfOutOfRange(string value, int firstYear, int lastYear) =>
        $"--as-of '{value}' is outside the years AuditKit works out due dates for ({firstYear} to {lastYear}); give a date in them, for example 2026-11-30.";

    /// <summary>A settings file (<c>auditkit.json</c>) that is not valid JSON.</summary>
    public static string SettingsFileInvalid(string path, long? line) =>
        line is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"The settings file '{path}' is not valid JSON (at line {at}). Correct it, for example {{ \"Calendar\": {{ \"ExtraHolidays\": [\"2026-12-24\"] }} }}, or remove it.")
            : $"The settings file '{path}' is not valid JSON. Correct it, for example {{ \"Calendar\": {{ \"ExtraHolidays\": [\"2026-12-24\"] }} }}, or remove it.";

    /// <summary>A settings file that exists but cannot be read.</summary>
    public static string SettingsFileUnreadable(string path) =>
        $"The settings file '{path}' could not be read. Check that you may read it, or remove it.";

    /// <summary>Calendar settings of the wrong shape.</summary>
    public const string SettingsCalendarInvalid =
        "The Calendar settings (in auditkit.json or AUDITKIT_Calendar__... variables) have the wrong shape; ExtraHolidays must be a list of dates, for example [\"2026-12-24\"].";

    /// <summary>The outputs of a run could not be written; the folder was left as it was.</summary>
    public static string OutputsNotWritten(string folder, string file, string cause) =>
        $"Could not write '{file}': {cause}. Nothing in '{folder}' was changed (earlier outputs are as they were). Fix that and run again.";
}
