using System.Globalization;

namespace AuditKit.Diagnostics;

/// <summary>
/// Every message text AuditKit shows, with its stable code, in one place (one file per range of codes). Public so that
/// every host (the command line, the store, the workbook reader) words the same problem the same way.
/// </summary>
public static partial class Messages
{
    /// <summary>AK1xxx: the structure of template and rule set files (the YAML loader).</summary>
    internal static class Templates
    {
        public const string FileUnreadableCode = "AK1000";
        public const string SyntaxCode = "AK1001";
        public const string EmptyFileCode = "AK1002";
        public const string UnknownKeyCode = "AK1003";
        public const string DuplicateKeyCode = "AK1004";
        public const string MissingKeyCode = "AK1005";
        public const string WrongKindCode = "AK1006";
        public const string WrongTypeCode = "AK1007";
        public const string EmptyValueCode = "AK1008";
        public const string OutOfRangeCode = "AK1009";
        public const string BadIdCode = "AK1010";
        public const string DuplicateIdCode = "AK1011";
        public const string ReservedIdCode = "AK1012";
        public const string UnknownRoleCode = "AK1013";
        public const string UnknownOutcomeCode = "AK1014";
        public const string UnknownFactTypeCode = "AK1015";
        public const string ChoicesMissingCode = "AK1016";
        public const string ChoicesNotAllowedCode = "AK1017";
        public const string EmptyListCode = "AK1018";
        public const string UnknownPlaceholderCode = "AK1019";
        public const string RootNotMappingCode = "AK1020";
        public const string SeveralDocumentsCode = "AK1021";
        public const string RuleSetNotFoundCode = "AK1022";
        public const string RuleSetIdMismatchCode = "AK1023";
        public const string ListedTwiceCode = "AK1024";
        public const string AliasCode = "AK1025";
        public const string TooDeepCode = "AK1026";
        public const string PathNotFoundCode = "AK1027";
        public const string KeyNotTextCode = "AK1028";
        public const string CommentColumnClashCode = "AK1029";
        public const string GradeNotOnScaleCode = "AK1030";
        public const string TabIndentCode = "AK1031";
        public const string BadStandardCode = "AK1032";
        public const string StandardTwiceCode = "AK1033";
        public const string UnknownEscalationSubjectCode = "AK1040";
        public const string EscalationAfterUnknownCode = "AK1041";
        public const string EscalationLoopCode = "AK1042";
        public const string EscalateToOwnerCode = "AK1043";
        public const string EscalationSubjectCode = "AK1044";

        public static Diagnostic FileUnreadable(string path, string reason) =>
            Error(FileUnreadableCode, SourceLocation.FileOnly(path), $"The file could not be read: {reason}");

        public static Diagnostic FileMissing(string path) =>
            Error(FileUnreadableCode, SourceLocation.FileOnly(path), "The file does not exist.");

        public static Diagnostic Syntax(SourceLocation at, string detail) =>
            Error(SyntaxCode, at, $"Invalid YAML: {Sentence(detail)}");

        public const string TabIndentFix = "YAML indents with spaces only; replace the tab with spaces (in most editors: turn on 'insert spaces' or 'convert indentation to spaces')";

        public static Diagnostic TabIndent(SourceLocation at) =>
            Error(TabIndentCode, at, $"This line is indented with a tab. {TabIndentFix}.");

        public static Diagnostic SyntaxNoDetail(SourceLocation at) =>
            Error(SyntaxCode, at, "Invalid YAML after this point; look for an unclosed bracket or quote, or a line indented wrongly.");

        public static Diagnostic EmptyFile(SourceLocation at, string what) =>
            Error(EmptyFileCode, at, $"The file is empty: a {what} needs at least 'id'.");

        public static Diagnostic UnknownKey(SourceLocation at, string key, IReadOnlyCollection<string> allowed)
        {
            if (key == "rules" && allowed.Contains("grading") && !allowed.Contains("criteria"))
            {
                return Error(UnknownKeyCode, at, "Unknown key 'rules': a rule set cannot list other rule sets; only a template's 'rules' can. Remove it here, and list the rule sets in the template.");
            }

            var hint = NameSuggestions.Hint(key, allowed);
            return Error(UnknownKeyCode, at, hint.Length > 0
                ? $"Unknown key '{key}'.{hint}"
                : $"Unknown key '{key}'. Allowed here: {List(allowed)}.");
        }

        public static Diagnostic DuplicateKey(SourceLocation at, string key, int firstLine) =>
            Error(DuplicateKeyCode, at, $"Duplicate key '{key}': it is already given at line {Number(firstLine)}.");

        public static Diagnostic MissingKey(SourceLocation at, string key, string owner) =>
            Error(MissingKeyCode, at, $"Missing required key '{key}' in {owner}.");

        public static Diagnostic WrongKind(SourceLocation at, string key, string expected, string actual) =>
            Error(WrongKindCode, at, $"'{key}' must be {expected}, not {actual}.");

        public static Diagnostic WrongItemKind(SourceLocation at, string key, string expected, string actual) =>
            Error(WrongKindCode, at, $"Each entry of '{key}' must be {expected}, not {actual}.");

        public static Diagnostic NotANumber(SourceLocation at, string key, string value, bool quoted, bool whole) =>
            Error(WrongTypeCode, at, (whole ? $"'{key}' must be a whole number, not '{Shorten(value)}'." : $"'{key}' must be a number, not '{Shorten(value)}'.")
                + (quoted ? " Remove the quotes: quoted values are text." : string.Empty));

        public static Diagnostic NotABoolean(SourceLocation at, string key, string value, bool quoted) =>
            Error(WrongTypeCode, at, quoted
                ? $"'{key}' must be true or false, not the quoted text '{Shorten(value)}'. Remove the quotes."
                : $"'{key}' must be true or false, not '{Shorten(value)}' (YAML 1.2 reads only true and false as booleans).");

        public static Diagnostic EmptyValue(SourceLocation at, string key) =>
            Error(EmptyValueCode, at, $"'{key}' must not be empty.");

        public static Diagnostic OutOfRange(SourceLocation at, string key, string value, string range) =>
            Error(OutOfRangeCode, at, $"'{key}' must be {range}, not '{Shorten(value)}'.");

        public static Diagnostic BadTemplateOrRuleSetId(SourceLocation at, string what, string id) =>
            Error(BadIdCode, at, $"The {what} id '{Shorten(id)}' may use only lower-case letters, digits and '-'.");

        public static Diagnostic BadFieldId(SourceLocation at, string what, string id) =>
            Error(BadIdCode, at, $"The {what} id '{Shorten(id)}' must start with a lower-case letter and use only lower-case letters, digits and '_'.");

        public static Diagnostic DuplicateId(SourceLocation at, string id, string otherWhat, int otherLine) =>
            Error(DuplicateIdCode, at, $"The id '{id}' is already used by the {otherWhat} at line {Number(otherLine)}; ids must be unique across criteria and facts.");

        public static Diagnostic ReservedId(SourceLocation at, string id) =>
            Error(ReservedIdCode, at, $"The id '{id}' is a built-in name of the expression language or a submission column; choose another id.");

        public static Diagnostic CommentColumnClash(SourceLocation at, string what, string id, string criterionId) =>
            Error(CommentColumnClashCode, at, $"The {what} id '{id}' clashes with the comment column of criterion '{criterionId}'; choose another id.");

        public static Diagnostic UnknownRole(SourceLocation at, string key, string value, IReadOnlyCollection<string> roles) =>
            Error(UnknownRoleCode, at, WithHint($"Unknown role '{Shorten(value)}' in '{key}'.", value, roles));

        public static Diagnostic UnknownOutcome(SourceLocation at, string value, IReadOnlyCollection<string> outcomes) =>
            Error(UnknownOutcomeCode, at, WithHint($"Unknown outcome '{Shorten(value)}' in 'on'.", value, outcomes));

        public static Diagnostic UnknownFactType(SourceLocation at, string value, IReadOnlyCollection<string> types) =>
            Error(UnknownFactTypeCode, at, WithHint($"Unknown fact type '{Shorten(value)}'.", value, types));

        public static Diagnostic ChoicesMissing(SourceLocation at, string factId) =>
            Error(ChoicesMissingCode, at, $"The fact '{factId}' is of type choice and needs a non-empty 'choices' list.");

        public static Diagnostic ChoicesNotAllowed(SourceLocation at, string factId, string type) =>
            Error(ChoicesNotAllowedCode, at, $"'choices' is only allowed on facts of type choice, and the fact '{factId}' is of type {type}.");

        public static Diagnostic EmptyList(SourceLocation at, string key, string item) =>
            Error(EmptyListCode, at, $"'{key}' must list at least one {item}.");

        public static Diagnostic UnknownPlaceholder(SourceLocation at, string name, IReadOnlyCollection<string> allowed)
        {
            var best = NameSuggestions.Closest(name, allowed);
            return Error(UnknownPlaceholderCode, at, best is not null
                ? $"Unknown placeholder '{{{Shorten(name)}}}' in the action text. Did you mean '{{{best}}}'?"
                : $"Unknown placeholder '{{{Shorten(name)}}}' in the action text. Allowed: {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.");
        }

        public static Diagnostic GradeNotOnScale(SourceLocation at, string grade, IReadOnlyCollection<string> scale) =>
            Error(GradeNotOnScaleCode, at, WithHint($"The grade '{Shorten(grade)}' is not on the 'grades' scale.", grade, scale)
                + " Add it to 'grades' (best first), or spell it as listed there.");

        public static Diagnostic BadStandard(SourceLocation at, string standard, string? snakeCase) =>
            Error(BadStandardCode, at, $"The standard '{Shorten(standard)}' must be snake_case: lower-case words of letters and digits joined by single '_', starting with a letter"
                + (snakeCase is null ? " (for example 'seen_alone')." : $". Did you mean '{snakeCase}'?"));

        public static Diagnostic StandardTwice(SourceLocation at, string standard, string criterion, string firstCriterion, int firstLine) =>
            Error(StandardTwiceCode, at, $"The standard '{standard}' of criterion '{criterion}' is already the standard of criterion '{firstCriterion}' at line {Number(firstLine)}; "
                + "a template may give a standard to one criterion only, so that a report across templates counts each audit once for it. Give one of them another standard, or none.");
        public static Diagnostic UnknownEscalationSubject(SourceLocation at, string value, IReadOnlyCollection<string> subjects) =>
            Error(UnknownEscalationSubjectCode, at, WithHint($"Unknown subject '{Shorten(value)}' in 'for'.", value, subjects)
                + " To follow another escalation, write 'after: <its id>' instead of 'for'.");

        public static Diagnostic EscalationAfterUnknown(SourceLocation at, string value, IReadOnlyCollection<string> ids) =>
            Error(EscalationAfterUnknownCode, at, ids.Count == 0
                ? $"'after' names the escalation '{Shorten(value)}', but the rule set has no other escalation; give it 'for: team', 'service', 'action' or 'reaudit' instead."
                : WithHint($"'after' names the escalation '{Shorten(value)}', which the rule set does not have.", value, ids));

        public static Diagnostic EscalationLoop(SourceLocation at, IReadOnlyList<string> loop) =>
            Error(EscalationLoopCode, at, $"These escalations follow each other in a loop: {string.Join(" -> ", loop)}. "
                + "Each escalation may only follow one that starts from a team, service, action or re-audit; remove one 'after' to break the loop.");

        public static Diagnostic EscalateToOwner(SourceLocation at, string subject) =>
            Error(EscalateToOwnerCode, at, $"'owner: escalate_to' hands the escalation to the 'escalate_to' of the action it is about, but this escalation is about {subject}, "
                + "not an action; name a role instead (for example service_manager).");

        public static Diagnostic DuplicateEscalation(SourceLocation at, string id, int otherLine) =>
            Error(DuplicateIdCode, at, $"The escalation id '{id}' is already used by the escalation at line {Number(otherLine)}; escalation ids must be unique.");

        public static Diagnostic EscalationSubject(SourceLocation at) =>
            Error(EscalationSubjectCode, at, "An escalation needs either 'for' (team, service, action or reaudit) or 'after' (the id of the escalation it follows), not both and not neither.");

        public static Diagnostic RootNotMapping(SourceLocation at, string actual) =>
            Error(RootNotMappingCode, at, $"The file must hold a mapping of keys (such as 'id: ...'), not {actual}.");

        public static Diagnostic SeveralDocuments(SourceLocation at) =>
            Error(SeveralDocumentsCode, at, "The file holds more than one YAML document; put each template or rule set in its own file.");

        public static Diagnostic RuleSetNotFound(SourceLocation at, string id, IEnumerable<string> folders) =>
            Error(RuleSetNotFoundCode, at, $"Rule set '{Shorten(id)}' was not found: looked for '{Shorten(id)}.yaml' and '{Shorten(id)}.yml' in {string.Join(", ", folders.Select(f => "'" + f + "'"))}.");

        public static Diagnostic RuleSetIdMismatch(SourceLocation at, string id, string fileName) =>
            Error(RuleSetIdMismatchCode, at, $"The rule set id '{Shorten(id)}' does not match its file name '{fileName}'; a rule set's id must be its file name without '.yaml'.");

        public static Diagnostic ListedTwice(SourceLocation at, string value, string key) =>
            Error(ListedTwiceCode, at, $"'{Shorten(value)}' is listed twice in '{key}'.");

        public static Diagnostic Alias(SourceLocation at) =>
            Error(AliasCode, at, "YAML aliases ('*name') are not supported; write the value out in full.");

        public static Diagnostic TooDeep(SourceLocation at, int limit) =>
            Error(TooDeepCode, at, $"The YAML is nested more than {Number(limit)} levels deep.");

        public static Diagnostic PathNotFound(string path) =>
            Error(PathNotFoundCode, SourceLocation.FileOnly(path), "The path does not exist.");

        public static Diagnostic KeyNotText(SourceLocation at, string actual) =>
            Error(KeyNotTextCode, at, $"A key must be plain text, not {actual}.");

        private static Diagnostic Error(string code, SourceLocation at, string message) =>
            new(code, Severity.Error, message, at);

        private static string WithHint(string message, string value, IReadOnlyCollection<string> allowed)
        {
            var hint = NameSuggestions.Hint(value, allowed);
            return hint.Length > 0 ? message + hint : $"{message} Allowed: {List(allowed)}.";
        }

        private static string List(IEnumerable<string> items) => string.Join(", ", items);

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Keeps a quoted value to one short line.</summary>
        private static string Shorten(string value)
        {
            var oneLine = value.ReplaceLineEndings(" ");
            return oneLine.Length <= 60 ? oneLine : string.Concat(oneLine.AsSpan(0, 57), "...");
        }

        private static string Sentence(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return "the parser gave no detail.";
            }

            return char.ToLowerInvariant(trimmed[0]) + trimmed[1..] + (trimmed.EndsWith('.') ? string.Empty : ".");
        }
    }
}
