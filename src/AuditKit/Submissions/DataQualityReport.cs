using System.Collections.Immutable;

namespace AuditKit.Submissions;

/// <summary>How often one field was left blank, over the rows read.</summary>
public sealed record FieldQuality(string Field, int Blank, int Total)
{
    public double Share => Total == 0 ? 0 : (double)Blank / Total;
}

/// <summary>Blank entries per field against a threshold (5% by default, a figure one of the source plans sets).</summary>
public sealed record DataQualityReport(double Threshold, ImmutableArray<FieldQuality> Fields)
{
    public const double DefaultThreshold = 0.05;

    public IEnumerable<FieldQuality> OverThreshold => Fields.Where(f => f.Share > Threshold);
}
