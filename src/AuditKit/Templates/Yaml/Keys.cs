namespace AuditKit.Templates.Yaml;

/// <summary>The keys allowed in each kind of mapping of template format v1 (anything else is an error).</summary>
internal static class Keys
{
    public static readonly IReadOnlyCollection<string> RuleBook = ["grades", "grading", "case_actions", "team_actions", "service_actions", "escalations"];

    public static readonly IReadOnlyCollection<string> Template =
        ["id", "version", "title", "applies_to", "rules", "scoring", "facts", "criteria", .. RuleBook];

    public static readonly IReadOnlyCollection<string> RuleSet = ["id", .. RuleBook];

    public static readonly IReadOnlyCollection<string> Scoring = ["partly_weight", "amber_margin", "default_target", "period"];

    /// <summary>Fact keys; <c>label</c> and <c>guidance</c> extend the contract for forms.</summary>
    public static readonly IReadOnlyCollection<string> Fact = ["id", "type", "choices", "required", "label", "guidance"];

    public static readonly IReadOnlyCollection<string> Criterion =
        ["id", "section", "text", "guidance", "critical", "target", "required", "applies_when", "met_when", "partly_when", "action", "standard"];

    public static readonly IReadOnlyCollection<string> CriterionAction = ["on", "text", "owner", "due_in_working_days"];

    public static readonly IReadOnlyCollection<string> Grading = ["grade", "when"];

    public static readonly IReadOnlyCollection<string> ActionRule = ["when", "text", "owner", "due_in_working_days", "escalate_to"];

    /// <summary>A case action rule may also ask for the case to be audited again within some working days.</summary>
    public static readonly IReadOnlyCollection<string> CaseActionRule = [.. ActionRule, "reaudit_within_working_days"];

    public static readonly IReadOnlyCollection<string> Escalation = ["id", "for", "after", "when", "text", "owner", "due_in_working_days"];

    /// <summary>Keys only a template has: a file with any of them is a template.</summary>
    public static readonly IReadOnlyCollection<string> TemplateOnly = ["version", "title", "applies_to", "rules", "scoring", "facts", "criteria"];
}
