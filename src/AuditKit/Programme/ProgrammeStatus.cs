using System.Collections.Immutable;
using AuditKit.Sampling;

namespace AuditKit.Programme;

/// <summary>A current audit as the programme counts it.</summary>
/// <param name="Moderation">A second audit of a case marked as moderation of the first: never counted towards a round.</param>
public sealed record ProgrammeAudit(string TemplateId, DateOnly AuditDate, string Auditor, string CaseRef, string CaseType, string Team, bool Moderation = false);

/// <summary>A case of a sample drawn for a template (<c>auditkit sample</c>), on the day it was drawn.</summary>
/// <param name="SampleId">The sample it belongs to: a reserve stands in only for a case of its own sample and team.</param>
public sealed record ProgrammeSampleCase(string SampleId, string? TemplateId, DateOnly DrawnOn, string CaseRef, string Team, string? Auditor, bool Reserve);

/// <summary>
/// Audits against what was expected, for one auditor, team or the service in one period. <see cref="Done"/> counts the
/// expected audits done within the period; <see cref="Late"/> those done after it ended (a quota made up by later audits,
/// or a sampled case audited after the period); <see cref="NotDone"/> those still not done after it ended; <see cref="Due"/>
/// those still to do in a period that has not ended. Without an expectation (<see cref="Expected"/> null), every audit is done.
/// </summary>
/// <param name="Audits">Every audit counted in the period, including any beyond what was expected (for a sampled round: the sampled cases audited).</param>
public sealed record Tally(int? Expected, int Audits, int Done, int Late, int Due, int NotDone)
{
    /// <summary>Expected audits not done in their period: done late, or not done at all.</summary>
    public int Missed => Late + NotDone;
}

/// <summary>An auditor's or a team's tally; <paramref name="Team"/> is the auditor's team, when known.</summary>
public sealed record SubjectTally(string Name, string? Team, Tally Tally);

public sealed record PeriodStatus(RoundPeriod Period, bool Ended, Tally Service, ImmutableArray<SubjectTally> Auditors, ImmutableArray<SubjectTally> Teams);

public sealed record RoundStatus(AuditRound Round, ImmutableArray<PeriodStatus> Periods);

/// <summary>Open cases of a team and case type in the caseload, and how many of them were audited (null type: all of the team's; null team: all teams).</summary>
public sealed record CoverageRow(string? Team, string? CaseType, int Open, int Audited)
{
    public double? Share => Open == 0 ? null : (double)Audited / Open;
}

/// <summary>Where the programme stands on a date.</summary>
/// <param name="Month">The month asked for (<c>--period</c>), or null for every period so far.</param>
/// <param name="CoverageFrom">The first day of the audits the coverage counts.</param>
public sealed record ProgrammeStatusReport(
    AuditProgramme Programme, DateOnly AsOf, string? Month, ImmutableArray<RoundStatus> Rounds, ImmutableArray<CoverageRow>? Coverage, DateOnly? CoverageFrom);

/// <summary>Works out <see cref="ProgrammeStatusReport"/> from the store's audits and samples.</summary>
public static class ProgrammeStatus
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <param name="month">Only the periods that overlap this month are shown (all periods so far still count towards late audits).</param>
    /// <param name="caseload">Open cases, for coverage; null for none.</param>
    public static ProgrammeStatusReport Build(
        AuditProgramme programme, DateOnly asOf, (DateOnly First, DateOnly Last, string Label)? month,
        IReadOnlyList<ProgrammeAudit> audits, IReadOnlyList<ProgrammeSampleCase> samples, IReadOnlyList<CaseloadCase>? caseload)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(audits);
        ArgumentNullException.ThrowIfNull(samples);
        var counted = audits.Where(a => !a.Moderation && a.AuditDate <= asOf).ToList();
        var rounds = programme.Rounds.Select(r => Round(programme, r, asOf, month, counted, samples)).ToImmutableArray();
        ImmutableArray<CoverageRow>? coverage = null;
        DateOnly? from = null;
        if (caseload is not null)
        {
            var shown = rounds.SelectMany(r => r.Periods).Select(p => p.Period.Start).ToList();
            from = month?.First ?? (shown.Count > 0 ? shown.Min() : programme.Rounds.Select(r => r.Start).DefaultIfEmpty(asOf).Min());
            var last = month is { } m && m.Last < asOf ? m.Last : asOf;
            var templates = programme.Rounds.Select(r => r.TemplateId).ToHashSet(StringComparer.Ordinal);
            var audited = counted.Where(a => templates.Contains(a.TemplateId) && a.AuditDate >= from && a.AuditDate <= last)
                .Select(a => a.CaseRef.Trim()).ToHashSet(Names);
            coverage = Coverage(caseload, audited);
        }

        return new ProgrammeStatusReport(programme, asOf, month?.Label, rounds, coverage, from);
    }

    private static RoundStatus Round(
        AuditProgramme programme, AuditRound round, DateOnly asOf, (DateOnly First, DateOnly Last, string Label)? month,
        List<ProgrammeAudit> audits, IReadOnlyList<ProgrammeSampleCase> samples)
    {
        var periods = round.PeriodsTo(asOf).ToList();
        var mine = audits.Where(a => string.Equals(a.TemplateId, round.TemplateId, StringComparison.Ordinal) && a.AuditDate >= round.Start && (round.End is null || a.AuditDate <= round.End)).ToList();
        var ended = periods.Select(p => p.End < asOf).ToArray();
        var statuses = round.Sampled
            ? Sampled(round, periods, ended, mine, samples)
            : Quotas(programme, round, periods, ended, mine);
        var shown = statuses.Where(s => month is not { } m || s.Period.Overlaps(m.First, m.Last)).ToImmutableArray();
        return new RoundStatus(round, shown);
    }

    private static List<PeriodStatus> Quotas(AuditProgramme programme, AuditRound round, List<RoundPeriod> periods, bool[] ended, List<ProgrammeAudit> audits)
    {
        var listed = ListedAuditors(programme, round);
        var auditors = listed.Count > 0
            ? listed
            : audits.GroupBy(a => a.Auditor.Trim(), Names).Select(g => (Name: g.First().Auditor.Trim(), Team: (string?)null)).OrderBy(a => a.Name, Names).ToList();
        var teams = (programme.Directory?.Teams.Select(t => t.Name) ?? [])
            .Concat(audits.Select(a => a.Team.Trim()))
            .Distinct(Names).Order(Names).ToList();

        int[] Counts(Func<ProgrammeAudit, bool> subject) => [.. periods.Select(p => audits.Count(a => p.Contains(a.AuditDate) && subject(a)))];

        var auditorTallies = auditors.Select(a => Carry(round.Quota.PerAuditor, Counts(x => Names.Equals(x.Auditor.Trim(), a.Name)), ended)).ToList();
        var teamTallies = teams.Select(t => Carry(round.Quota.PerTeam, Counts(x => Names.Equals(x.Team.Trim(), t)), ended)).ToList();
        var service = Carry(round.Quota.Service, Counts(_ => true), ended);
        return [.. periods.Select((p, i) => new PeriodStatus(
            p, ended[i], service[i],
            [.. auditors.Select((a, j) => new SubjectTally(a.Name, a.Team, auditorTallies[j][i]))],
            [.. teams.Select((t, j) => new SubjectTally(t, null, teamTallies[j][i]))]))];
    }

    /// <summary>The round's auditors: those named, then each team's holder of each role in the directory (sorted).</summary>
    private static List<(string Name, string? Team)> ListedAuditors(AuditProgramme programme, AuditRound round)
    {
        var found = new List<(string Name, string? Team)>();
        foreach (var name in round.Auditors.Names)
        {
            if (!found.Exists(f => Names.Equals(f.Name, name)))
            {
                found.Add((name.Trim(), null));
            }
        }

        if (programme.Directory is { } directory)
        {
            foreach (var role in round.Auditors.Roles)
            {
                foreach (var team in directory.Teams)
                {
                    if (directory.PersonFor(role, team.Name) is { } person && !found.Exists(f => Names.Equals(f.Name, person)))
                    {
                        found.Add((person.Trim(), team.Name));
                    }
                }
            }
        }

        return [.. found.OrderBy(f => f.Name, Names).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A quota per period: audits beyond a period's quota make up the shortfall of earlier periods that have ended
    /// (the earliest first), counted there as late.
    /// </summary>
    internal static Tally[] Carry(int? quota, int[] counts, bool[] ended)
    {
        var tallies = new Tally[counts.Length];
        if (quota is not { } expected)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                tallies[i] = new Tally(null, counts[i], counts[i], 0, 0, 0);
            }

            return tallies;
        }

        var done = counts.Select(c => Math.Min(c, expected)).ToArray();
        var late = new int[counts.Length];
        for (var j = 0; j < counts.Length; j++)
        {
            var excess = counts[j] - done[j];
            for (var i = 0; i < j && excess > 0; i++)
            {
                if (ended[i])
                {
                    var give = Math.Min(excess, expected - done[i] - late[i]);
                    late[i] += give;
                    excess -= give;
                }
            }
        }

        for (var i = 0; i < counts.Length; i++)
        {
            var short_ = expected - done[i] - late[i];
            tallies[i] = new Tally(expected, counts[i], done[i], late[i], ended[i] ? 0 : short_, ended[i] ? short_ : 0);
        }

        return tallies;
    }

    private sealed record Expected(ProgrammeSampleCase Case, int Period, DateOnly? AuditedOn);

    private static List<PeriodStatus> Sampled(AuditRound round, List<RoundPeriod> periods, bool[] ended, List<ProgrammeAudit> audits, IReadOnlyList<ProgrammeSampleCase> samples)
    {
        // Each sampled case of the round's template, in the period it was drawn in, with the first audit of it since.
        var firstAudit = audits.GroupBy(a => a.CaseRef.Trim(), Names).ToDictionary(g => g.Key, g => g.Select(a => a.AuditDate).Order().ToList(), Names);
        DateOnly? AuditedOn(ProgrammeSampleCase c) =>
            firstAudit.TryGetValue(c.CaseRef.Trim(), out var dates) && dates.FirstOrDefault(d => d >= c.DrawnOn) is var d && d != default ? d : null;

        var expected = new List<Expected>();
        foreach (var group in samples
            .Where(s => string.Equals(s.TemplateId, round.TemplateId, StringComparison.Ordinal))
            .GroupBy(s => (s.SampleId, Team: s.Team.ToUpperInvariant())))
        {
            var period = periods.FindIndex(p => p.Contains(group.First().DrawnOn));
            if (period < 0)
            {
                continue;
            }

            // A reserve case that was audited stands in for a main case of its sample and team that was not.
            var reserves = new Queue<DateOnly>(group.Where(c => c.Reserve).Select(AuditedOn).OfType<DateOnly>().Order());
            foreach (var main in group.Where(c => !c.Reserve))
            {
                var on = AuditedOn(main) ?? (reserves.Count > 0 ? reserves.Dequeue() : null);
                expected.Add(new Expected(main, period, on));
            }
        }

        Tally TallyOf(int period, Func<Expected, bool> subject)
        {
            var cases = expected.Where(e => e.Period == period && subject(e)).ToList();
            var p = periods[period];
            var done = cases.Count(e => e.AuditedOn is { } d && d <= p.End);
            var late = cases.Count(e => e.AuditedOn is { } d && d > p.End);
            var open = cases.Count(e => e.AuditedOn is null);
            return new Tally(cases.Count, done + late, done, late, ended[period] ? 0 : open, ended[period] ? open : 0);
        }

        var auditorNames = expected.Select(e => e.Case.Auditor?.Trim()).OfType<string>().Distinct(Names).Order(Names).ToList();
        var teamNames = expected.Select(e => e.Case.Team.Trim()).Distinct(Names).Order(Names).ToList();
        return [.. periods.Select((p, i) => new PeriodStatus(
            p, ended[i],
            TallyOf(i, _ => true),
            [.. auditorNames.Select(a => new SubjectTally(a, null, TallyOf(i, e => Names.Equals(e.Case.Auditor?.Trim(), a))))],
            [.. teamNames.Select(t => new SubjectTally(t, null, TallyOf(i, e => Names.Equals(e.Case.Team.Trim(), t))))]))];
    }

    private static ImmutableArray<CoverageRow> Coverage(IReadOnlyList<CaseloadCase> caseload, HashSet<string> audited)
    {
        var rows = ImmutableArray.CreateBuilder<CoverageRow>();
        var first = new HashSet<string>(Names);
        var cases = caseload.Where(c => first.Add(c.CaseRef)).ToList();
        foreach (var team in cases.GroupBy(c => c.Team, Names).OrderBy(g => g.Key, Names))
        {
            // CaseType! holds: the cases without one are filtered out just before.
            foreach (var type in team.Where(c => c.CaseType is not null).GroupBy(c => c.CaseType!, Names).OrderBy(g => g.Key, Names))
            {
                rows.Add(new CoverageRow(team.First().Team, type.First().CaseType, type.Count(), type.Count(c => audited.Contains(c.CaseRef))));
            }

            rows.Add(new CoverageRow(team.First().Team, null, team.Count(), team.Count(c => audited.Contains(c.CaseRef))));
        }

        rows.Add(new CoverageRow(null, null, cases.Count, cases.Count(c => audited.Contains(c.CaseRef))));
        return rows.ToImmutable();
    }
}
