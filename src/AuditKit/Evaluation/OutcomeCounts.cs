using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>How many of each outcome; adds up across criteria, cases and teams.</summary>
public readonly record struct OutcomeCounts(int Met, int Partly, int NotMet, int NotApplicable, int Missing)
{
    /// <summary>met + partly + not_met: the denominator of compliance.</summary>
    public int Applicable => Met + Partly + NotMet;

    public int Total => Met + Partly + NotMet + NotApplicable + Missing;

    public OutcomeCounts Add(Outcome outcome) => outcome switch
    {
        Outcome.Met => this with { Met = Met + 1 },
        Outcome.Partly => this with { Partly = Partly + 1 },
        Outcome.NotMet => this with { NotMet = NotMet + 1 },
        Outcome.NotApplicable => this with { NotApplicable = NotApplicable + 1 },
        Outcome.Missing => this with { Missing = Missing + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static OutcomeCounts operator +(OutcomeCounts a, OutcomeCounts b) =>
        new(a.Met + b.Met, a.Partly + b.Partly, a.NotMet + b.NotMet, a.NotApplicable + b.NotApplicable, a.Missing + b.Missing);

    /// <summary>(met + weight x partly) / applicable, or null when nothing applicable was met or not met.</summary>
    public double? Compliance(double partlyWeight) =>
        Applicable == 0 ? null : (Met + (partlyWeight * Partly)) / Applicable;
}
