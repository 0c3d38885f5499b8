using System.Collections.Immutable;
using AuditKit.Templates;

namespace AuditKit.Excel;

/// <summary>What a form column accepts, which decides its drop-down, validation and number format.</summary>
internal enum FormInput
{
    Text,
    Date,
    Number,
    Bool,
    Answer,
    Comment,

    /// <summary>A drop-down of <see cref="FormColumn.Choices"/>.</summary>
    Choice,
}

/// <summary>One column of the audit form.</summary>
/// <param name="Name">The contract column name, as written in the form's row of column names.</param>
/// <param name="Heading">The heading people read.</param>
/// <param name="Group">The band above the heading (the criterion's section).</param>
/// <param name="Note">Shown as a comment on the heading, or null.</param>
internal sealed record FormColumn(
    string Name,
    string Heading,
    string Group,
    FormInput Input,
    double Width,
    string? Note,
    ImmutableArray<string> Choices,
    bool Required);

/// <summary>The columns of the audit form for a template, in contract order.</summary>
internal static class FormColumns
{
    public const string CaseDetails = "Case details";
    public const string FactsGroup = "Facts from the case file";

    public static ImmutableArray<string> Answers { get; } = ["Yes", "Partly", "No", "N/A"];

    public static ImmutableArray<FormColumn> For(AuditTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var grades = Grades(template);
        var columns = ImmutableArray.CreateBuilder<FormColumn>();
        columns.Add(Fixed("audit_id", "Audit ID", FormInput.Text, 14, "A reference unique to this audit, for example TM-2026-11-001.", true));
        columns.Add(Fixed("audit_date", "Audit date", FormInput.Date, 12, "The date you completed the audit, as dd/mm/yyyy.", true));
        columns.Add(Fixed("auditor", "Auditor", FormInput.Text, 16, "Your name.", true));
        columns.Add(Fixed("case_ref", "Case reference", FormInput.Text, 15, "The case or child's reference from the case management system.", true));
        columns.Add(Fixed("case_type", "Case type", FormInput.Choice, 10, "One of " + string.Join(", ", template.AppliesTo) + ".", true) with { Choices = template.AppliesTo });
        columns.Add(Fixed("team", "Team", FormInput.Text, 16, "The team holding the case.", true));
        columns.Add(Fixed("service", "Service", FormInput.Text, 16, null, false));
        columns.Add(Fixed("practitioner", "Practitioner", FormInput.Text, 16, "The allocated worker.", false));
        columns.Add(Fixed("template", "Template", FormInput.Choice, 16, "Leave as it is: the template this form was made for.", false) with { Choices = [template.Id] });
        columns.Add(grades.IsEmpty
            ? Fixed("overall_grade", "Overall grade (your judgement)", FormInput.Text, 16, "Your own judgement of the case.", false)
            : Fixed("overall_grade", "Overall grade (your judgement)", FormInput.Choice, 16, "Your own judgement of the case; it is compared with the grade the rules give.", false) with { Choices = grades });

        foreach (var criterion in template.Criteria)
        {
            if (!criterion.TakesAnswer())
            {
                continue;
            }

            var heading = criterion.Critical ? criterion.Text + " (critical)" : criterion.Text;
            columns.Add(new FormColumn(criterion.Id, heading, criterion.Section, FormInput.Answer, 24, CriterionNote(criterion), Answers, criterion.Required));
            columns.Add(new FormColumn(criterion.Id + "_comment", "Comment", criterion.Section, FormInput.Comment, 30, null, [], false));
        }

        foreach (var fact in template.Facts)
        {
            var (input, width) = fact.Type switch
            {
                FactType.Number => (FormInput.Number, 12d),
                FactType.Date => (FormInput.Date, 12d),
                FactType.Bool => (FormInput.Bool, 10d),
                FactType.Choice => (FormInput.Choice, 18d),
                _ => (FormInput.Text, 18d),
            };
            columns.Add(new FormColumn(fact.Id, fact.Label ?? fact.Id, FactsGroup, input, width, fact.Guidance, fact.Choices, fact.Required));
        }

        return columns.ToImmutable();
    }

    /// <summary>The grades the template's rules give, from best to worst (<see cref="GradeScale"/>).</summary>
    public static ImmutableArray<string> Grades(AuditTemplate template) => template.GradeScale.Grades;

    private static FormColumn Fixed(string name, string heading, FormInput input, double width, string? note, bool required) =>
        new(name, heading, CaseDetails, input, width, note, [], required);

    private static string CriterionNote(CriterionDefinition criterion)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(criterion.Guidance))
        {
            parts.Add(criterion.Guidance.Trim());
        }

        var target = ActionText.Percent(criterion.Target);
        parts.Add(criterion.Critical ? $"Critical. Target {target}." : $"Target {target}.");
        if (!criterion.Required)
        {
            parts.Add("May be left blank.");
        }

        return string.Join("\n\n", parts);
    }
}
