using System.Globalization;

namespace AuditKit.Diagnostics;

public static partial class Messages
{
    /// <summary>
    /// Texts about moderation audits (a second, independent audit of a case, whose <c>moderates</c> column names the first
    /// audit's <c>audit_id</c>): reasons a row is rejected (each starting with the column it is about, as every reason does)
    /// and the moderation report's messages (codes AK62xx). Audit ids and template ids only: never a case reference or a name.
    /// </summary>
    public static class Moderation
    {
        /// <summary>AK6201: a template and period with no moderation pairs in the store.</summary>
        public const string NoPairsCode = "AK6201";

        /// <summary>AK6202: a template with no audits in the store.</summary>
        public const string TemplateUnknownCode = "AK6202";

        private static string Id(string auditId) => Submissions.Name(auditId);

        public static string ModeratesItself(string auditId) =>
            $"moderates: {Id(auditId)} is this row's own audit_id; put the audit_id of the first audit (the one being moderated) in moderates, and give the moderation audit an audit_id of its own";

        public static string ModeratesLeftOut(string auditId, string where) =>
            $"moderates: audit_id {Id(auditId)} is recorded in {where} as a moderation audit, but this row has no moderates value; put the audit_id of the audit it moderates in moderates, or give a first audit an audit_id of its own";

        public static string NotFound(string moderated, string? where) => where is null
            ? $"moderates: audit {Id(moderated)} is not among the audits accepted in this batch (and no store was used); check the audit_id, or send the first audit with this one"
            : $"moderates: audit {Id(moderated)} is neither among the audits accepted in this batch nor in {where}; check the audit_id, or send the first audit with this one";

        public static string OtherTemplate(string moderated, string found, string template) =>
            $"moderates: audit {Id(moderated)} is an audit of template {Id(found)}, not {Id(template)}; a moderation audit uses the template of the audit it moderates";

        public static string OtherCase(string moderated, string where) =>
            $"moderates: audit {Id(moderated)} ({where}) is of another case: its case_ref differs from this row's; a moderation audit is of the same case as the audit it moderates, so correct case_ref or moderates";

        public static string SameAuditor(string moderated, string where) =>
            $"moderates: audit {Id(moderated)} ({where}) was done by the same auditor; a moderation audit is done by another, independent auditor, so correct auditor or moderates";

        public static string OfModeration(string moderated, string where) =>
            $"moderates: audit {Id(moderated)} ({where}) is itself a moderation audit; put the audit_id of the first audit in moderates";

        public static string IdTaken(string auditId, string where) =>
            $"audit_id: {Id(auditId)} is recorded in {where} as a first audit; a moderation audit never replaces the audit it moderates, so give it an audit_id of its own";

        /// <summary>Where a first audit was found: "file.csv row 12" or "the store auditkit.db".</summary>
        public static string InBatch(string source, int row) => string.Create(
            CultureInfo.InvariantCulture,
            $"{source} {Submissions.RowWord(source)} {row}");

        public static string NoPairs(string templateId, string? period, string store) => period is null
            ? $"The store {store} holds no moderation audit of template '{templateId}' whose first audit it also holds. Record moderation audits (rows whose moderates column names the first audit's audit_id) with 'auditkit run'."
            : $"The store {store} holds no moderation audit of template '{templateId}' for an audit dated in {period}. Give another --period, or leave it out for every period.";

        public const string Undefined =
            "undefined: both auditors gave one outcome to every case, so chance agreement is complete and kappa cannot be worked out; read the agreement and PABAK";

        public const string Advice = "rewrite its guidance so that auditors read it alike, then moderate again";
    }
}
