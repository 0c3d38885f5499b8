using System.Collections.Immutable;

namespace AuditKit.Store;

/// <summary>
/// A sample drawn from a caseload, as the store keeps it: how it was drawn and each drawn case with its auditor. The id
/// is worked out from all of that, so recording the same sample again adds nothing.
/// </summary>
/// <param name="Size"><c>per_team 2</c> or <c>total 20</c>.</param>
/// <param name="TemplateId">The template whose audits were looked back over (and that the sample is for), or null for any.</param>
/// <param name="ExcludedWithin">The look-back period (<c>12m</c>), or null when nothing was excluded.</param>
/// <param name="Source">The caseload's file name (not its folder).</param>
public sealed record StoredSample(
    string Id,
    DateOnly AsOf,
    string? TemplateId,
    int Seed,
    string Size,
    bool ByCaseType,
    int Reserve,
    string? ExcludedWithin,
    string Source,
    ImmutableArray<StoredSampleCase> Cases);

/// <summary>One drawn case of a sample.</summary>
public sealed record StoredSampleCase(string CaseRef, string Team, string? CaseType, string? Auditor, bool Reserve);

/// <summary>A current audit as the programme and the sample read it: who audited which case, when, with which template.</summary>
/// <param name="Moderation">
/// True for a second audit marked as moderation of another (its <c>moderates</c> column set); such audits never count
/// towards a quota or a sampled case.
/// </param>
public sealed record AuditedCase(string TemplateId, string AuditId, DateOnly AuditDate, string Auditor, string CaseRef, string CaseType, string Team, bool Moderation = false);
