using System.Globalization;

namespace AuditKit.Diagnostics;

/// <summary>Texts of the AK61xx diagnostics: the caseload and the auditors list that <c>auditkit sample</c> reads.</summary>
public static partial class Messages
{
    /// <summary>AK6101-AK6149: <c>auditkit sample</c>.</summary>
    public static class Sampling
    {
        public const string MissingColumnCode = "AK6101";
        public const string BlankKeyCode = "AK6102";
        public const string NoCasesCode = "AK6103";
        public const string AuditorsMissingColumnCode = "AK6104";
        public const string AuditorBlankCode = "AK6105";
        public const string AuditorTwiceCode = "AK6106";
        public const string NoAuditorForTeamCode = "AK6107";
        public const string NoAuditorsCode = "AK6108";

        /// <summary>AK6101: the caseload lacks a column the sample needs.</summary>
        public static string MissingColumn(string column, string why) =>
            $"The caseload has no '{column}' column, which {why}. Add it to the extract's header row (the columns are those 'auditkit form --cases' reads).";

        /// <summary>AK6102: a row whose case reference or team is blank cannot be drawn.</summary>
        public static string BlankKey(string column) =>
            $"'{column}' is blank, so this case cannot be drawn; it is left out of the sample. Fill it in the extract to include it.";

        /// <summary>AK6103: nothing to draw from.</summary>
        public const string NoCases = "The caseload holds no cases (only a header row, or no rows that could be read).";

        /// <summary>AK6104: the auditors list lacks a column.</summary>
        public static string AuditorsMissingColumn(string column) =>
            $"The auditors list has no '{column}' column; it needs the columns 'auditor' and 'team' (the team the auditor belongs to, blank for an auditor of no team).";

        /// <summary>AK6105: a row of the auditors list without a name.</summary>
        public const string AuditorBlank = "'auditor' is blank; give the auditor's name or remove the row.";

        /// <summary>AK6106: the same auditor listed again.</summary>
        public static string AuditorTwice(int firstRow) =>
            string.Create(CultureInfo.InvariantCulture, $"This auditor is already listed on row {firstRow}; the first row is used. Give each auditor one row, with the team they belong to.");

        /// <summary>AK6107: every auditor belongs to the team of some drawn cases.</summary>
        public static string NoAuditorForTeam(string team, int cases) =>
            string.Create(CultureInfo.InvariantCulture, $"No auditor outside team '{team}' is listed, so its {cases} drawn case(s) have no auditor. Add an auditor from another team (or of no team) to the auditors list.");

        /// <summary>AK6108: an auditors list with no auditors.</summary>
        public const string NoAuditors = "The auditors list names no auditors.";
    }
}
