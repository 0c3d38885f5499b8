namespace AuditKit.Diagnostics;

/// <summary>Texts of the AK60xx diagnostics: the audit programme file (<c>programme.yaml</c>).</summary>
public static partial class Messages
{
    /// <summary>AK6001-AK6049: <c>programme.yaml</c>. Its YAML structure (syntax, unknown keys, kinds of value) is reported as for templates (AK10xx).</summary>
    internal static class Programme
    {
        public const string BadIdCode = "AK6001";
        public const string UnknownPeriodCode = "AK6002";
        public const string NotADateCode = "AK6003";
        public const string EndBeforeStartCode = "AK6004";
        public const string WindowNeedsEndCode = "AK6005";
        public const string DuplicateRoundCode = "AK6006";
        public const string UnknownRoleCode = "AK6007";
        public const string RolesNeedDirectoryCode = "AK6008";
        public const string DirectoryProblemCode = "AK6009";
        public const string NoQuotaCode = "AK6010";
        public const string PerAuditorWithoutAuditorsCode = "AK6011";
        public const string SampledWithQuotaCode = "AK6012";
        public const string NoRoundsCode = "AK6013";

        public static readonly IReadOnlyList<string> PeriodKinds = ["monthly", "fortnightly", "window"];

        public static readonly IReadOnlyList<string> AuditorRoles = ["team_manager", "service_manager", "head_of_service"];

        public static Diagnostic BadId(SourceLocation at, string what, string id) =>
            Error(BadIdCode, at, $"The {what} id '{id}' may hold only lower-case letters, digits and hyphens, for example 'monthly-practice'.");

        public static Diagnostic UnknownPeriod(SourceLocation at, string value) =>
            Error(UnknownPeriodCode, at, $"Unknown period '{value}'.{Hint(value, PeriodKinds)}");

        public static Diagnostic NotADate(SourceLocation at, string key, string value) =>
            Error(NotADateCode, at, $"'{key}' must be a date written YYYY-MM-DD, not '{Shorten(value)}'; for example {key}: 2026-09-01.");

        public static Diagnostic EndBeforeStart(SourceLocation at, string end, string start) =>
            Error(EndBeforeStartCode, at, $"'end' {end} comes before 'start' {start}; a round ends on or after the day it starts.");

        public static Diagnostic WindowNeedsEnd(SourceLocation at) =>
            Error(WindowNeedsEndCode, at, "A round with 'period: window' needs 'end': the last day of the window (with 'start' its first), for example end: 2027-02-28.");

        public static Diagnostic DuplicateRound(SourceLocation at, string id, int firstLine) =>
            Error(DuplicateRoundCode, at, $"The round id '{id}' is used already on line {firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture)}; give each round its own id.");

        public static Diagnostic UnknownRole(SourceLocation at, string value) =>
            Error(UnknownRoleCode, at, $"Unknown role '{value}' in 'roles'.{Hint(value, AuditorRoles)}");

        public static Diagnostic RolesNeedDirectory(SourceLocation at) =>
            Error(RolesNeedDirectoryCode, at, "'roles' names auditors by their role in each team, which the team directory says: add 'directory: teams.yaml' (the path from this file) at the top of the programme, or name the auditors with 'names'.");

        public static Diagnostic DirectoryProblem(SourceLocation at, string problem) =>
            Error(DirectoryProblemCode, at, $"The team directory named here cannot be used: {problem}");

        public static Diagnostic NoQuota(SourceLocation at, string round) =>
            Error(NoQuotaCode, at, $"Round '{round}' sets no quota: give 'quota' with 'per_auditor', 'per_team' or 'service' (audits per period), or 'sampled: true' to expect the cases of the samples drawn for its template.");

        public static Diagnostic PerAuditorWithoutAuditors(SourceLocation at, string round) =>
            Error(PerAuditorWithoutAuditorsCode, at, $"Round '{round}' sets 'per_auditor' but names no auditors: add 'auditors' with 'roles' (for example [team_manager]) or 'names'.");

        public static Diagnostic SampledWithQuota(SourceLocation at, string round) =>
            Error(SampledWithQuotaCode, at, $"Round '{round}' is sampled, so its expected audits are the cases of the samples drawn for its template ('auditkit sample'); remove 'quota', or set 'sampled: false' to count audits against the quota.");

        public static Diagnostic NoRounds(SourceLocation at) =>
            Error(NoRoundsCode, at, "The programme names no rounds: list at least one under 'rounds', each with 'id', 'template', 'period', 'start' and a 'quota' (or 'sampled: true').");

        private static string Hint(string value, IReadOnlyCollection<string> allowed)
        {
            var hint = NameSuggestions.Hint(value, allowed);
            return hint.Length > 0 ? hint : $" Allowed: {string.Join(", ", allowed)}.";
        }

        private static string Shorten(string value)
        {
            var oneLine = value.ReplaceLineEndings(" ");
            return oneLine.Length <= 40 ? oneLine : string.Concat(oneLine.AsSpan(0, 37), "...");
        }

        private static Diagnostic Error(string code, SourceLocation at, string message) => new(code, Severity.Error, message, at);
    }
}
