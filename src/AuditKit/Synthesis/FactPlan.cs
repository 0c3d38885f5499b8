using System.Collections.Immutable;
using AuditKit.Templates;

namespace AuditKit.Synthesis;

internal enum FactValueKind
{
    /// <summary>A date 0 to 90 days before the audit, ordered with the other such dates by <see cref="FactPlan.Stage"/>.</summary>
    OrderedDate,

    /// <summary>A visit or "seen" date 1 to 28 days before the audit.</summary>
    RecentDate,
    Number,
    Text,

    /// <summary>The name of the case's practitioner (a text fact such as <c>allocated_worker</c>).</summary>
    CaseWorker,
    Bool,
    Choice,
}

/// <summary>How values are made up for one fact, chosen from its type and the words in its id.</summary>
internal sealed class FactPlan
{
    private static readonly string[] EarlyWords = ["referral", "referred", "contact", "received", "opened", "open", "allocated", "allocation", "birth", "dob"];
    private static readonly string[] StartWords = ["start", "started", "commenced", "began", "strategy", "s47", "initial"];
    private static readonly string[] LateWords = ["completed", "complete", "completion", "end", "ended", "closed", "authorised", "signed", "review", "reviewed", "plan", "supervision", "outcome", "decision"];
    private static readonly string[] VisitWords = ["visit", "visited", "seen"];
    private static readonly string[] NegativeWords = ["concern", "concerns", "risk", "missing", "escalated", "escalation", "neglect", "exploitation", "drift", "delay", "overdue"];

    private static readonly string[] NoteTexts =
    [
        "Recorded on file", "See case summary", "Discussed in supervision", "Awaiting partner update", "Noted at last review",
    ];

    private static readonly string[] ReasonTexts =
    [
        "Neglect", "Domestic abuse", "Parental mental health", "Parental substance misuse", "Child's own needs", "Family breakdown",
    ];

    private static readonly string[] LanguageTexts = ["English", "Polish", "Urdu", "Arabic", "Romanian", "Somali", "Welsh"];

    private FactPlan(int index, FactDefinition definition, FactValueKind kind)
    {
        Index = index;
        Definition = definition;
        Kind = kind;
    }

    /// <summary>Position of the fact in the template (and its column among the fact columns).</summary>
    public int Index { get; }

    public FactDefinition Definition { get; }

    public FactValueKind Kind { get; }

    /// <summary>For <see cref="FactValueKind.OrderedDate"/>: 0 referral-like, 1 start-like, 2 other, 3 completed-like.</summary>
    public int Stage { get; private init; }

    public int Min { get; private init; }

    public int Max { get; private init; }

    /// <summary>Ready-to-write cells for text, bool and choice facts.</summary>
    public ImmutableArray<string> Cells { get; private init; } = [];

    /// <summary>Cumulative weights over <see cref="Cells"/>.</summary>
    public double[] Cumulative { get; private init; } = [];

    public static FactPlan For(int index, FactDefinition fact, Func<string, string> cell, IReadOnlyList<string> peopleNames)
    {
        var tokens = fact.Id.Split('_', StringSplitOptions.RemoveEmptyEntries);
        switch (fact.Type)
        {
            case FactType.Date when HasAny(tokens, VisitWords):
                return new FactPlan(index, fact, FactValueKind.RecentDate) { Min = 1, Max = 28 };

            case FactType.Date:
                var stage = HasAny(tokens, EarlyWords) ? 0
                    : HasAny(tokens, StartWords) ? 1
                    : HasAny(tokens, LateWords) ? 3
                    : 2;
                return new FactPlan(index, fact, FactValueKind.OrderedDate) { Stage = stage, Min = 0, Max = 90 };

            case FactType.Number:
                var (min, max) = NumberRange(tokens);
                return new FactPlan(index, fact, FactValueKind.Number) { Min = min, Max = max };

            case FactType.Bool:
                var trueShare = HasAny(tokens, NegativeWords) ? 0.3 : 0.8;
                return new FactPlan(index, fact, FactValueKind.Bool)
                {
                    Cells = [cell("Yes"), cell("No")],
                    Cumulative = [trueShare, 1.0],
                };

            case FactType.Choice when !fact.Choices.IsDefaultOrEmpty:
                // Earlier choices are more common: weights n, n-1, ..., 1.
                var n = fact.Choices.Length;
                var cumulative = new double[n];
                var total = 0.0;
                for (var i = 0; i < n; i++)
                {
                    total += n - i;
                    cumulative[i] = total;
                }

                return new FactPlan(index, fact, FactValueKind.Choice)
                {
                    Cells = [.. fact.Choices.Select(cell)],
                    Cumulative = cumulative,
                };

            default:
                if (HasAny(tokens, ["worker", "practitioner", "caseworker"]))
                {
                    return new FactPlan(index, fact, FactValueKind.CaseWorker);
                }

                var texts = HasAny(tokens, ["name", "manager", "iro", "officer", "by"]) ? peopleNames
                    : HasAny(tokens, ["reason", "category", "concern", "concerns"]) ? ReasonTexts
                    : HasAny(tokens, ["language"]) ? LanguageTexts
                    : NoteTexts;
                return new FactPlan(index, fact, FactValueKind.Text)
                {
                    Cells = [.. texts.Select(cell)],
                    Cumulative = [.. Enumerable.Range(1, texts.Count).Select(i => (double)i)],
                };
        }
    }

    private static (int Min, int Max) NumberRange(string[] tokens)
    {
        if (HasAny(tokens, ["age", "aged"]))
        {
            return (0, 17);
        }

        if (HasAny(tokens, ["siblings", "children", "carers"]))
        {
            return (0, 5);
        }

        if (HasAny(tokens, ["percent", "percentage", "pct"]))
        {
            return (0, 100);
        }

        if (HasAny(tokens, ["score", "rating"]))
        {
            return (1, 10);
        }

        if (HasAny(tokens, ["caseload"]))
        {
            return (12, 24);
        }

        if (HasAny(tokens, ["days"]))
        {
            return (0, 60);
        }

        if (HasAny(tokens, ["weeks"]))
        {
            return (0, 26);
        }

        if (HasAny(tokens, ["months"]))
        {
            return (0, 24);
        }

        if (HasAny(tokens, ["hours"]))
        {
            return (0, 40);
        }

        if (HasAny(tokens, ["visits", "contacts", "count", "number", "num", "attempts", "placements", "moves", "workers"]))
        {
            return (0, 12);
        }

        return (0, 20);
    }

    private static bool HasAny(string[] tokens, IReadOnlyCollection<string> words)
    {
        foreach (var token in tokens)
        {
            if (words.Contains(token, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
