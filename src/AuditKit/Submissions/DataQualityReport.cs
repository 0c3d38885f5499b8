using System.Collections.Immutable;

namespace AuditKit.Submissions;

/// <summary>How often one field was left blank, over the rows read.</summary>
public sealed record FieldQuality(string Field, int Blank, int Total)
{
    public double Share => Total == 0 ? 0 : (double)Blank / Total;

    /// <summary>
    /// True for fields that should be filled in on every audit: the required columns, service, practitioner, every
    /// criterion the auditor answers and every required fact. Optional facts (often blank by design) and the
    /// auditor's own grade are reported but never flagged.
    /// </summary>
    public bool Expected { get; init; } = true;
}

/// <summary>Blank entries per field against a threshold (5% by default, a figure one of the source plans sets).</summary>
public sealed record DataQualityReport(double Threshold, ImmutableArray<FieldQuality> Fields)
{
    public const double DefaultThreshold = 0.05;

    /// <summary>Expected fields blank in more than <see cref="Threshold"/> of rows.</summary>
    public IEnumerable<FieldQuality> OverThreshold => Fields.Where(IsOverThreshold);

    public bool IsOverThreshold(FieldQuality field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Expected && field.Share > Threshold;
    }
}
