using System.Collections.Immutable;
using AuditKit.Diagnostics;
using AuditKit.FollowUps;
using AuditKit.Templates;

namespace AuditKit.Programme;

/// <summary>An audit programme: the rounds of audits a service plans (<c>programme.yaml</c>).</summary>
/// <param name="Directory">The team directory that resolves auditors named by role; null when none is named.</param>
public sealed record AuditProgramme(string Id, string Title, TeamDirectory? Directory, ImmutableArray<AuditRound> Rounds, string SourcePath);

/// <summary>How a round's time is cut into periods.</summary>
public enum RoundPeriodKind
{
    /// <summary>Calendar months, from the month of the round's start.</summary>
    Monthly,

    /// <summary>Fourteen days at a time from the round's start.</summary>
    Fortnightly,

    /// <summary>One period, from the round's start to its end.</summary>
    Window,
}

/// <summary>Audits expected in each period: per auditor, per team and across the service (null: not set).</summary>
public sealed record RoundQuota(int? PerAuditor, int? PerTeam, int? Service)
{
    public static RoundQuota None { get; } = new(null, null, null);

    public bool IsEmpty => PerAuditor is null && PerTeam is null && Service is null;
}

/// <summary>Who audits in a round: roles resolved through the team directory (per team), and people by name.</summary>
public sealed record RoundAuditors(ImmutableArray<Role> Roles, ImmutableArray<string> Names)
{
    public static RoundAuditors None { get; } = new([], []);

    public bool IsEmpty => Roles.IsEmpty && Names.IsEmpty;
}

/// <summary>One round of the programme.</summary>
/// <param name="End">The last day of the round, or null for a round that goes on.</param>
/// <param name="Sampled">Its expected audits are the cases of the samples drawn for its template (<c>auditkit sample</c>).</param>
public sealed record AuditRound(
    string Id,
    string Title,
    string TemplateId,
    RoundPeriodKind Period,
    DateOnly Start,
    DateOnly? End,
    RoundAuditors Auditors,
    RoundQuota Quota,
    bool Sampled,
    SourceLocation Location)
{
    /// <summary>The round's periods that have begun by <paramref name="asOf"/>, oldest first.</summary>
    public IEnumerable<RoundPeriod> PeriodsTo(DateOnly asOf)
    {
        var start = Start;
        while (start <= asOf && (End is null || start <= End))
        {
            var end = Period switch
            {
                RoundPeriodKind.Monthly => new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1),
                RoundPeriodKind.Fortnightly => start.AddDays(13),
                _ => End ?? DateOnly.MaxValue,
            };
            if (End is { } last && end > last)
            {
                end = last;
            }

            yield return new RoundPeriod(start, end, Period);
            if (end == DateOnly.MaxValue)
            {
                yield break;
            }

            start = end.AddDays(1);
        }
    }
}

/// <summary>One period of a round: its first and last day.</summary>
public readonly record struct RoundPeriod(DateOnly Start, DateOnly End, RoundPeriodKind Kind)
{
    /// <summary><c>2026-11</c> for a whole calendar month, else <c>2026-11-02 to 2026-11-15</c>.</summary>
    public string Label =>
        Kind == RoundPeriodKind.Monthly && Start.Day == 1 && End == Start.AddMonths(1).AddDays(-1)
            ? $"{Start.Year:D4}-{Start.Month:D2}"
            : $"{Calendar.IsoDate.Format(Start)} to {Calendar.IsoDate.Format(End)}";

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Overlaps(DateOnly first, DateOnly last) => Start <= last && End >= first;
}
