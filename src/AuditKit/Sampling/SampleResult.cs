using System.Collections.Immutable;

namespace AuditKit.Sampling;

/// <summary>Why a case of the caseload could not be drawn.</summary>
public enum ExclusionReason
{
    /// <summary>It was audited within the look-back period (from the store).</summary>
    AuditedRecently,

    /// <summary>Its case reference is on an earlier row of the caseload as well (only the first is drawn from).</summary>
    ListedTwice,
}

/// <summary>A drawn case: the caseload's case, main or reserve, and its auditor once assigned.</summary>
public sealed record SampledCase(CaseloadCase Case, bool Reserve, string? Auditor = null);

/// <summary>One stratum's figures: a team (and case type when drawn by case type).</summary>
/// <param name="CaseType">Null unless the sample was drawn by case type.</param>
public sealed record StratumTally(string Team, string? CaseType, int Cases, int AuditedRecently, int ListedTwice, int Drawn, int Reserves)
{
    public int Excluded => AuditedRecently + ListedTwice;

    public int Eligible => Cases - Excluded;
}

/// <summary>The sample: the drawn cases (main ones first, then reserves, each in drawing order per stratum) and per-stratum figures.</summary>
public sealed record SampleResult(ImmutableArray<SampledCase> Cases, ImmutableArray<StratumTally> Strata)
{
    public IEnumerable<SampledCase> Main => Cases.Where(c => !c.Reserve);

    public IEnumerable<SampledCase> Reserves => Cases.Where(c => c.Reserve);
}
