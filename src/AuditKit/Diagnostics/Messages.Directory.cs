namespace AuditKit.Diagnostics;

/// <summary>Texts of the AK4xxx diagnostics: working-day calendar settings (AK40xx) and the team directory (AK41xx).</summary>
public static partial class Messages
{
    // Calendar settings.
    internal static (string Code, string Text) CalendarBadHoliday(string value) =>
        ("AK4001", $"Extra holiday '{value}' is not a date in the form YYYY-MM-DD, for example '2026-12-24'.");

    internal static (string Code, string Text) CalendarBlankHoliday() =>
        ("AK4002", "Extra holiday is blank; give a date in the form YYYY-MM-DD or remove the entry.");

    internal static (string Code, string Text) CalendarRepeatedHoliday(string value) =>
        ("AK4003", $"Extra holiday '{value}' is listed more than once.");

    internal static (string Code, string Text) CalendarWeekendHoliday(string value, string dayOfWeek) =>
        ("AK4004", $"Extra holiday '{value}' is a {dayOfWeek}, which is not a working day anyway.");

    internal static (string Code, string Text) CalendarAlreadyBankHoliday(string value) =>
        ("AK4005", $"Extra holiday '{value}' is already a bank holiday in England and Wales.");

    // Team directory.
    internal static (string Code, string Text) DirectoryUnreadable(string reason) =>
        ("AK4101", $"The team directory could not be read: {reason}.");

    internal static (string Code, string Text) DirectoryTabIndent() =>
        ("AK4102", $"The team directory is not valid YAML: this line is indented with a tab. {Templates.TabIndentFix}.");

    internal static (string Code, string Text) DirectorySyntax(string problem) =>
        ("AK4102", $"The team directory is not valid YAML: {problem}.");

    internal static (string Code, string Text) DirectoryEmpty() =>
        ("AK4103", "The team directory is empty; it needs 'teams:' or 'defaults:'.");

    internal static (string Code, string Text) DirectoryRootNotMapping() =>
        ("AK4104", "The team directory must be a mapping with the keys 'defaults' and 'teams'.");

    internal static (string Code, string Text) DirectoryTeamsNotMapping() =>
        ("AK4104", "'teams' must be a mapping from each team's name to its people.");

    internal static (string Code, string Text) DirectoryContactsNotMapping(string owner) =>
        ("AK4104", $"'{owner}' must be a mapping from role (team_manager, service_manager, head_of_service) to a person's name.");

    internal static (string Code, string Text) DirectoryUnknownKey(string key, string hint) =>
        ("AK4105", $"Unknown key '{key}'.{hint}");

    internal static (string Code, string Text) DirectoryRoleFromSubmission(string key) =>
        ("AK4106", $"Role '{key}' cannot be set in the team directory: it is taken from each submission's '{key}' column.");

    internal static (string Code, string Text) DirectoryNameNotText(string key) =>
        ("AK4107", $"'{key}' must be a person's name written as plain text.");

    internal static (string Code, string Text) DirectoryBlankName(string key) =>
        ("AK4108", $"'{key}' is blank; give a person's name or remove the line.");

    internal static (string Code, string Text) DirectoryBlankTeam() =>
        ("AK4109", "A team name is blank.");

    internal static (string Code, string Text) DirectoryDuplicateTeam(string team, int line) =>
        ("AK4110", $"Team '{team}' is listed more than once (first on line {line}); team names are matched ignoring case and surrounding spaces.");

    internal static (string Code, string Text) DirectoryDuplicateKey() =>
        ("AK4111", "A key appears more than once in the same mapping.");

    internal static (string Code, string Text) DirectoryKeyNotText() =>
        ("AK4112", "A key must be plain text.");
}
