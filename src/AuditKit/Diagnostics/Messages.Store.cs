using System.Globalization;

namespace AuditKit.Diagnostics;

/// <summary>Message texts of the history store (AK5xxx). Ids and counts only: never case-file values.</summary>
public static partial class Messages
{
    public const string StoreNewerSchemaCode = "AK5001";
    public const string StoreActionNotFoundCode = "AK5002";
    public const string StoreNotAStoreCode = "AK5003";
    public const string StoreCannotOpenCode = "AK5004";
    public const string StoreWriteFailedCode = "AK5005";
    public const string StoreMissingCode = "AK5006";
    public const string StoreTemplateUnknownCode = "AK5007";
    public const string StoreTemplateUnreadableCode = "AK5008";
    public const string StoreDamagedCode = "AK5009";
    public const string StoreBusyCode = "AK5010";
    public const string StoreNoAuditsInPeriodCode = "AK5012";
    public const string StoreActionAmbiguousCode = "AK5011";
    public const string StoreStandardsCode = "AK5013";

    /// <summary>AK5001: the store's schema is newer than this program's.</summary>
    public static string StoreNewerSchema(string store, int found, int known, string option) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Sentence(store)} was written by a newer AuditKit (schema {found}; this program knows {known}). Use a newer AuditKit or another {option}.");

    /// <summary>AK5002: an action id that is not in the store.</summary>
    public static string StoreActionNotFound(string actionId) =>
        $"No action '{actionId}' in this store. Use 'auditkit actions list --status all' to list the action ids.";

    /// <summary>AK5002: text that cannot be the start of an action id.</summary>
    public static string StoreActionIdMalformed(string typed) =>
        $"'{typed}' is not an action id: an id is 'A-' and hex digits, such as A-3f9c2b1d0e7a (give at least 4 digits).";

    /// <summary>AK5011: the start of more than one action's id.</summary>
    public static string StoreActionAmbiguous(string typed, IEnumerable<string> candidates) =>
        $"'{typed}' is the start of more than one action's id: {string.Join(", ", candidates)}. Give more of the id.";

    /// <summary>AK5003: a file that is not an SQLite database.</summary>
    public static string StoreNotAStore(string store) =>
        $"{Sentence(store)} is not an AuditKit store (not an SQLite database). Give another --db.";

    /// <summary>AK5004: the store could not be opened or reached.</summary>
    public static string StoreCannotOpen(string store, string reason) =>
        $"Cannot open {store}: {reason}";

    /// <summary>'a', 'b' and 'c'.</summary>
    private static string Quoted(IReadOnlyList<string> items) =>
        items.Count <= 1
            ? string.Concat(items.Select(i => $"'{i}'"))
            : string.Join(", ", items.Take(items.Count - 1).Select(i => $"'{i}'")) + $" and '{items[^1]}'";

    private static string Sentence(string text) =>
        text.Length > 0 && char.IsLower(text[0]) && text.StartsWith("the ", StringComparison.Ordinal)
            ? char.ToUpperInvariant(text[0]) + text[1..]
            : text;

    /// <summary>AK5005: a write failed and was rolled back.</summary>
    public static string StoreWriteFailed(string store, string reason) =>
        $"Recording into {store} failed and nothing was changed: {reason}";

    /// <summary>AK5006: a command that reads the store was pointed at a file that does not exist.</summary>
    public static string StoreMissing(string path) =>
        $"There is no store at '{path}'. Record audits into it first with 'auditkit run', or give --db or --connection.";

    /// <summary>AK5007: a template id with no audits in the store.</summary>
    public static string StoreTemplateUnknown(string templateId, string store) =>
        $"{Sentence(store)} holds no audits of template '{templateId}'. Give the id of a template that 'auditkit run' has recorded.";

    /// <summary>AK5012: a report of periods the store holds no audits for.</summary>
    public static string StoreNoAuditsInPeriod(string templateId, string periods, string? team, string store) =>
        $"{Sentence(store)} holds no current audits of template '{templateId}'{(team is null ? string.Empty : $" for team '{team}'")} dated in {periods}, so there is nothing to report. "
        + "Check the period (for example --period 2026-11 or --from 2026-06 --to 2026-11) and the team's spelling, or record the audits first with 'auditkit run'.";

    /// <summary>AK5012: a report across templates of periods the store holds none of their audits for.</summary>
    public static string StoreNoAuditsInPeriodAcross(IReadOnlyList<string> templateIds, string periods, string? team, string store) =>
        $"{Sentence(store)} holds no current audits of the templates {Quoted(templateIds)}{(team is null ? string.Empty : $" for team '{team}'")} dated in {periods}, so there is nothing to report. "
        + "Check the period (for example --from 2026-06 --to 2026-11) and the team's spelling, or record the audits first with 'auditkit run'.";

    /// <summary>AK5013: a report across templates named a template the store holds no audits of.</summary>
    public static string StoreStandardsTemplateUnknown(string templateId, string store, IReadOnlyList<string> known) =>
        $"{Sentence(store)} holds no audits of template '{templateId}', so it cannot be part of a report across templates. "
        + (known.Count == 0 ? "It holds no audits at all: record some first with 'auditkit run'." : $"Give the ids of templates it holds: {Quoted(known)}.");

    /// <summary>AK5013: a report across templates of fewer than two templates (with --all-templates).</summary>
    public static string StoreStandardsTooFewTemplates(string store, IReadOnlyList<string> known) =>
        known.Count == 0
            ? $"{Sentence(store)} holds no audits, so there is nothing to report across templates. Record some first with 'auditkit run'."
            : $"{Sentence(store)} holds audits of one template only ('{known[0]}'), and a report across templates rolls up the standards that two or more share. "
                + "Report that template with --template, or record audits of another template that shares its standards.";

    /// <summary>AK5013: a report across templates given one template more than once.</summary>
    public static string StoreStandardsOneTemplate(string templateId) =>
        $"--template names template '{templateId}' each time, and a report across templates rolls up the standards that two or more different templates share. "
        + "Give another template with a second --template, or give --template once for that template's own report.";

    /// <summary>AK5013: the templates of a report across templates share no standard.</summary>
    public static string StoreStandardsNoneShared(IReadOnlyList<string> templateIds, string store) =>
        $"The templates {Quoted(templateIds)} share no standard in {store}: no two of them give a criterion the same 'standard:'. "
        + "Give the criteria that measure the same thing the same standard (see docs/templates.md) and record a run with those templates, or choose templates that share one.";

    /// <summary>AK5008: <c>--template</c> named a file whose id could not be read.</summary>
    public static string StoreTemplateUnreadable(string path) =>
        $"The template file '{path}' could not be loaded, so its id is unknown. Fix it (see 'auditkit validate') or give the template id.";

    /// <summary>AK5003: an SQLite database that holds another program's tables.</summary>
    public static string StoreForeignDatabase(string store) =>
        $"{Sentence(store)} is an SQLite database of another program, not an AuditKit store (it has tables but no AuditKit schema), so AuditKit leaves it alone. Give another --db: a new file name, or an AuditKit store.";

    /// <summary>AK5009: a store whose schema_version holds a value no AuditKit writes.</summary>
    public static string StoreBadSchemaVersion(string store) =>
        $"{Sentence(store)} is damaged: its schema_version table holds a value no AuditKit writes. Restore it from a backup, or give another {OptionFor(store)}.";

    /// <summary>AK5009: the database reports damage (a malformed page).</summary>
    public static string StoreDamaged(string store) =>
        $"{Sentence(store)} is damaged (the database reports a malformed page). Restore it from a backup, or give another {OptionFor(store)}.";

    /// <summary>AK5010: busy or locked by another program.</summary>
    public static string StoreBusy(string store) =>
        $"{Sentence(store)} is busy: another program (another 'auditkit run' or 'watch', or a database tool) holds a lock on it. Wait for it to finish, or close it there, and try again.";

    /// <summary>Why an SQLite operation failed, in words, from SQLite's primary result code.</summary>
    public static string SqliteCause(int code) => code switch
    {
        5 or 6 => "the database is busy: another program holds a lock on it; wait for it to finish and try again.",
        8 => "the file is read-only: you may not write to it or to its folder (SQLite also writes a -wal file beside it). Check the permissions, or give another --db.",
        10 => "the disk reported an error while reading or writing the file. Check the disk (and that it is not full), and try again.",
        11 => "the file is damaged (a malformed page). Restore it from a backup, or give another --db.",
        13 => "the disk is full. Free some space and run again.",
        14 => "the file could not be opened: its folder does not exist, or you may not read or create files there.",
        26 => "the file is not an SQLite database.",
        _ => string.Create(CultureInfo.InvariantCulture, $"SQLite error {code}."),
    };

    /// <summary>Why a PostgreSQL operation failed, in words, from its SQLSTATE.</summary>
    public static string PostgresCause(string sqlState) => sqlState switch
    {
        "3D000" => "the database does not exist. Check the Database= part of --connection, or create the database first.",
        "28P01" or "28000" => "authentication failed: the server refused the user name or password. Check Username= and Password= in --connection.",
        "42501" => "the user may not use this database or its tables. Ask the database administrator for access.",
        "53100" => "the server's disk is full.",
        "55P03" or "40P01" => "the database is busy: another session holds a lock; try again.",
        "57P03" or "53300" => "the server is not accepting connections now (starting up, or too many connections); try again later.",
        _ => $"PostgreSQL error {sqlState}.",
    };

    private static string OptionFor(string store) => store.Contains("PostgreSQL", StringComparison.Ordinal) ? "--connection" : "--db";
}
