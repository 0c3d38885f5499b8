namespace AuditKit.Web;

/// <summary>The web app's and the <c>users</c> and <c>serve</c> commands' diagnostic codes (AK8001-AK8049) and their texts.</summary>
public static class WebMessages
{
    public const string UnknownRoleCode = "AK8001";
    public const string TeamRequiredCode = "AK8002";
    public const string ServiceRequiredCode = "AK8003";
    public const string EmailTakenCode = "AK8004";
    public const string PasswordTooShortCode = "AK8005";
    public const string UnknownUserCode = "AK8006";
    public const string TemplatesMissingCode = "AK8007";
    public const string DemoSamplesMissingCode = "AK8008";
    public const string EmailNotValidCode = "AK8009";
    public const string NameMissingCode = "AK8010";
    public const string CannotListenCode = "AK8011";
    public const string TokenNameMissingCode = "AK8040";
    public const string TokenPersonDisabledCode = "AK8041";
    public const string TokenExpiresPastCode = "AK8042";
    public const string UnknownTokenCode = "AK8043";

    /// <summary>The shortest password <c>users add</c> takes.</summary>
    public const int MinimumPasswordLength = 12;

    public static string UnknownRole(string role) =>
        $"'{role}' is not a role; choose {string.Join(", ", People.Roles.All)}.";

    public static string TeamRequired(string role) =>
        $"A person with the role '{role}' sees one team's audits: give the team with --team, spelled as in the audits.";

    public static string ServiceRequired(string role) =>
        $"A person with the role '{role}' sees one service's teams: give the service with --service, spelled as in the audits.";

    public static string EmailTaken(string email) =>
        $"There is already a person with the email address '{email}'; 'auditkit users list' shows everyone.";

    public static string PasswordTooShort(int length) =>
        $"The password read from standard input has {length} characters; give at least {MinimumPasswordLength}.";

    public static string UnknownUser(string email) =>
        $"There is no person with the email address '{email}'; 'auditkit users list' shows everyone.";

    public static string TemplatesMissing(string folder) =>
        $"The templates folder '{folder}' does not exist; give the folder of the audit templates with --templates.";

    public static string DemoSamplesMissing(string path) =>
        $"The bundled sample '{path}' was not found; run 'auditkit serve --demo' from the repository folder.";

    public static string EmailNotValid(string email) =>
        $"'{email}' is not an email address; give one such as 'name@council.gov.uk'.";

    public static string CannotListen(string urls, string reason) =>
        $"The web app cannot listen at '{urls}' ({reason}); give another address with --urls, such as 'http://127.0.0.1:5081'.";

    public static string NameMissing() => "--name is empty; give the person's name as it appears on audits and actions.";

    public static string TokenNameMissing() =>
        "--name is empty; give the token a name that says what uses it, such as 'Case system export'.";

    public static string TokenPersonDisabled(string email) =>
        $"The person '{email}' is disabled, so a token of theirs would not work; give the email address of a person who signs in.";

    public static string TokenExpiresPast(string expires, string today) =>
        $"--expires {expires} is before today ({today}); give the last day the token should work on.";

    public static string UnknownToken(string id) =>
        $"There is no working API token with the id '{id}'; 'auditkit tokens list' shows every token and whether it works.";
}
