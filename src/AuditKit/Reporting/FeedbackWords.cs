using System.Globalization;
using AuditKit.Evaluation;
using AuditKit.Expressions;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// The plain words of the feedback document: what an outcome is called, and why a criterion came to its outcome, said
/// from the answer the auditor gave or the dates and facts the rule read (the rule itself stays in the QA appendix).
/// </summary>
internal static class FeedbackWords
{
    /// <summary>"Met", "Partly met", "Not met", "Does not apply", "Not scored".</summary>
    public static string Outcome(Outcome outcome) => outcome switch
    {
        Templates.Outcome.Met => "Met",
        Templates.Outcome.Partly => "Partly met",
        Templates.Outcome.NotMet => "Not met",
        Templates.Outcome.NotApplicable => "Does not apply",
        _ => "Not scored",
    };

    /// <summary>The CSS class of an outcome's badge.</summary>
    public static string OutcomeClass(Outcome outcome) => outcome switch
    {
        Templates.Outcome.Met => "met",
        Templates.Outcome.Partly => "partly",
        Templates.Outcome.NotMet => "notmet",
        Templates.Outcome.NotApplicable => "na",
        _ => "missing",
    };

    /// <summary>1 September 2026.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A role in words (team_manager -> "Team manager"); a person's name as given.</summary>
    public static string PersonOrRole(string owner) => RoleNames.TryParse(owner, out var role)
        ? role switch
        {
            Role.Practitioner => "Practitioner",
            Role.TeamManager => "Team manager",
            Role.ServiceManager => "Service manager",
            Role.HeadOfService => "Head of service",
            _ => "Auditor",
        }
        : owner;

    /// <summary>CP -> "CP (child protection)"; a case type the template names otherwise stays as written.</summary>
    public static string CaseType(string caseType) => caseType.ToUpperInvariant() switch
    {
        "CP" => caseType + " (child protection)",
        "CIN" => caseType + " (child in need)",
        "LAC" or "CLA" => caseType + " (looked after child)",
        "CL" => caseType + " (care leaver)",
        _ => caseType,
    };

    /// <summary>Why <paramref name="criterion"/> came to its finding on this audit, in a sentence or two.</summary>
    public static string Why(AuditTemplate template, CriterionDefinition criterion, Finding finding)
    {
        var explanation = finding.Explanation;
        if (explanation.Result.StartsWith("could not be evaluated", StringComparison.Ordinal))
        {
            return "This could not be worked out: a rule of the audit failed on this case. The quality assurance team can look into it.";
        }

        var answer = explanation.Read.FirstOrDefault(r => r.Key == "answer").Value;
        var decidedByAnswer = criterion.MetWhen is null && explanation.Read.Any(r => r.Key == "answer")
            && !(finding.Outcome == Templates.Outcome.NotApplicable && !IsNotApplicableAnswer(answer));
        if (decidedByAnswer)
        {
            return finding.Outcome switch
            {
                Templates.Outcome.Met => "The auditor found this standard met.",
                Templates.Outcome.Partly => "The auditor found this standard partly met.",
                Templates.Outcome.NotMet => "The auditor found this standard not met.",
                Templates.Outcome.NotApplicable => "The auditor judged that this standard does not apply to this case.",
                _ => "The auditor left this question blank, so it was not scored.",
            };
        }

        if (finding.Outcome == Templates.Outcome.Missing)
        {
            var blanks = explanation.BlankFields.Where(b => b != "answer").Select(b => NameWords(template, b)).ToList();
            if (explanation.BlankFields.Contains("answer"))
            {
                return "The auditor left this question blank, so it was not scored.";
            }

            return blanks.Count > 0
                ? $"This could not be worked out because {List(blanks)} {(blanks.Count == 1 ? "was" : "were")} left blank on the audit, so it was not scored."
                : "This could not be worked out from the dates and facts recorded on the audit, so it was not scored.";
        }

        var evidence = Evidence(template, explanation);
        if (finding.Outcome == Templates.Outcome.NotApplicable)
        {
            return evidence.Length == 0
                ? "This standard does not apply to this case."
                : $"This standard does not apply to this case, going by what the audit recorded: {evidence}.";
        }

        var verdict = finding.Outcome switch
        {
            Templates.Outcome.Met => "Met",
            Templates.Outcome.Partly => "Partly met",
            _ => "Not met",
        };
        return evidence.Length == 0
            ? $"{verdict}, worked out from what the audit recorded."
            : $"{verdict}, worked out from what the audit recorded: {evidence}.";
    }

    private static bool IsNotApplicableAnswer(Value answer) =>
        !answer.IsMissing && answer.Kind == ValueKind.Text && answer.Text.Equals("N/A", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "23 working days from the last statutory visit (1 October 2026) to the audit date (3 November 2026), against a
    /// limit of 20"; without counts of days, the facts read ("case type CIN").
    /// </summary>
    private static string Evidence(AuditTemplate template, Explanation explanation)
    {
        var parts = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in explanation.DayCounts.GroupBy(c => (c.WorkingDays, c.From, c.To, c.Days)))
        {
            var (workingDays, from, to, days) = group.Key;
            var unit = workingDays ? "working day" : "day";
            var text = $"{Number(days)} {unit}{(days is 1 or -1 ? string.Empty : "s")}";
            if (from is not null)
            {
                text += $" from {NameWords(template, from)}{DateOf(explanation, from)}";
                used.Add(from);
            }

            if (to is not null)
            {
                text += $" to {NameWords(template, to)}{DateOf(explanation, to)}";
                used.Add(to);
            }

            var limits = group.Where(c => c.Limit is not null).Select(c => Number(c.Limit!.Value)).Distinct().ToList();
            if (limits.Count > 0)
            {
                text += limits.Count == 1 ? $", against a limit of {limits[0]}" : $", against limits of {List(limits)}";
            }

            parts.Add(text);
        }

        foreach (var (name, value) in explanation.Read)
        {
            if (name == "answer" || used.Contains(name) || value.IsMissing)
            {
                continue;
            }

            parts.Add($"{NameWords(template, name)} {ValueWords(value)}");
        }

        return string.Join("; ", parts);
    }

    private static string DateOf(Explanation explanation, string name)
    {
        var value = explanation.Read.FirstOrDefault(r => r.Key == name).Value;
        return value.Kind == ValueKind.Date ? $" ({Date(value.Date)})" : string.Empty;
    }

    /// <summary>A name a rule reads, in words: a fact's label ("the last statutory visit"), or "the audit date".</summary>
    internal static string NameWords(AuditTemplate template, string name)
    {
        switch (name)
        {
            case "audit_date": return "the audit date";
            case "case_type": return "case type";
            case "team": return "team";
            case "service": return "service";
            case "answer": return "the auditor's answer";
        }

        var fact = template.Facts.FirstOrDefault(f => f.Id == name);
        if (fact is null)
        {
            var criterion = template.Criteria.FirstOrDefault(c => c.Id == name);
            return criterion is null ? name.Replace('_', ' ') : $"the standard \"{criterion.Text}\"";
        }

        var label = fact.Label ?? fact.Id.Replace('_', ' ');
        if (fact.Type != FactType.Date)
        {
            return LowerFirst(label);
        }

        return "the " + LowerFirst(label);
    }

    /// <summary>"Last statutory visit" -> "last statutory visit"; "CP review" stays (an acronym).</summary>
    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    private static string ValueWords(Value value) => value.Kind switch
    {
        ValueKind.Date => Date(value.Date),
        ValueKind.Number => Number(value.Number),
        ValueKind.Bool => value.Bool ? "yes" : "no",
        ValueKind.Text => value.Text,
        _ => "blank",
    };

    private static string Number(double number) => number.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    internal static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
