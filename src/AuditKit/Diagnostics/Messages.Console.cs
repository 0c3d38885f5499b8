namespace AuditKit.Diagnostics;

/// <summary>Message texts of the command line's own output: no case-file values.</summary>
internal static partial class Messages
{
    /// <summary>The console summary of a run could not be laid out; the files written have everything.</summary>
    public static string ConsoleSummaryNotDrawn(string? outputFolder) =>
        outputFolder is null
            ? "note: The summary could not be drawn on this console; the outputs have everything."
            : $"note: The summary could not be drawn on this console; everything is in the outputs written to {outputFolder}.";
}
