namespace AuditKit.Templates;

/// <summary>The outcome of one criterion on one submission.</summary>
public enum Outcome : byte
{
    Met,
    Partly,
    NotMet,
    NotApplicable,
    Missing,
}

public static class OutcomeNames
{
    /// <summary>The contract spelling: met, partly, not_met, not_applicable, missing.</summary>
    public static string ToContractName(this Outcome outcome) => outcome switch
    {
        Outcome.Met => "met",
        Outcome.Partly => "partly",
        Outcome.NotMet => "not_met",
        Outcome.NotApplicable => "not_applicable",
        Outcome.Missing => "missing",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static bool TryParse(string? text, out Outcome outcome)
    {
        switch (text)
        {
            case "met": outcome = Outcome.Met; return true;
            case "partly": outcome = Outcome.Partly; return true;
            case "not_met": outcome = Outcome.NotMet; return true;
            case "not_applicable": outcome = Outcome.NotApplicable; return true;
            case "missing": outcome = Outcome.Missing; return true;
            default: outcome = default; return false;
        }
    }

    public static IReadOnlyList<string> All { get; } = ["met", "partly", "not_met", "not_applicable", "missing"];
}
