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
    public const string StoreActionAmbiguousCode = "AK5009";

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

    /// <summary>AK5009: the start of more than one action's id.</summary>
    public static string StoreActionAmbiguous(string typed, IEnumerable<string> candidates) =>
        $"'{typed}' is the start of more than one action's id: {string.Join(", ", candidates)}. Give more of the id.";

    /// <summary>AK5003: a file that is not an SQLite database.</summary>
    public static string StoreNotAStore(string store) =>
        $"{Sentence(store)} is not an AuditKit store (not an SQLite database). Give another --db.";

    /// <summary>AK5004: the store could not be opened or reached.</summary>
    public static string StoreCannotOpen(string store, string reason) =>
        $"Cannot open {store}: {reason}";

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

    /// <summary>AK5008: <c>--template</c> named a file whose id could not be read.</summary>
    public static string StoreTemplateUnreadable(string path) =>
        $"The template file '{path}' could not be loaded, so its id is unknown. Fix it (see 'auditkit validate') or give the template id.";
}
