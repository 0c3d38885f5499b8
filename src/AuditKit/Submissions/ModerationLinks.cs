using AuditKit.Diagnostics;

namespace AuditKit.Submissions;

/// <summary>An audit the store holds (its current revision), as a moderation audit of it is checked against.</summary>
/// <param name="Moderates">Set when it is itself a moderation audit.</param>
public sealed record KnownAudit(string TemplateId, string AuditId, string CaseRef, string Auditor, string? Moderates);

/// <summary>
/// What the store holds that moderation audits are checked against: where (for messages: "the store auditkit.db"), the
/// ids of its moderation audits of the template, and a look-up of audits by id (any template, current revisions).
/// </summary>
public sealed record KnownAudits(string Where, IReadOnlySet<string> ModerationIds, Func<IReadOnlyCollection<string>, IReadOnlyList<KnownAudit>> Find);

/// <summary>
/// Checks each moderation audit of a batch against the audit it moderates, once the whole batch has been read (the first
/// audit may come later in the batch, or be in the store): it must be an accepted first audit of this batch, or an audit
/// of the store, of the same template and case, by another auditor; and a moderation audit's own id must not be a first
/// audit's in the store (it would replace it).
/// </summary>
internal static class ModerationLinks
{
    /// <summary>The moderation audits that pass, in the order given, and the rows of those that do not, with every reason.</summary>
    /// <param name="stored">The store, or null without one.</param>
    /// <param name="requireFound">False for <c>check</c>, which has no store: a first audit not in the batch is then not a reason.</param>
    public static (List<Submission> Accepted, List<RejectedRow> Rejected) Link(
        SubmissionValidator validator, IReadOnlyList<Submission> moderation, KnownAudits? stored, bool requireFound = true)
    {
        var accepted = new List<Submission>(moderation.Count);
        var rejected = new List<RejectedRow>();
        if (moderation.Count == 0)
        {
            return (accepted, rejected);
        }

        var templateId = validator.Template.Id;
        var fromStore = new Dictionary<string, List<KnownAudit>>(StringComparer.OrdinalIgnoreCase);
        if (stored is not null)
        {
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var s in moderation)
            {
                ids.Add(s.AuditId);
                if (!validator.TryFindAccepted(s.Moderates!, out _))
                {
                    ids.Add(s.Moderates!);
                }
            }

            foreach (var audit in stored.Find(ids))
            {
                if (!fromStore.TryGetValue(audit.AuditId, out var list))
                {
                    fromStore[audit.AuditId] = list = [];
                }

                list.Add(audit);
            }
        }

        var reasons = new List<string>();
        foreach (var s in moderation)
        {
            reasons.Clear();
            var target = s.Moderates!;
            var caseKey = ModerationKeys.Of(s.CaseRef);
            var auditorKey = ModerationKeys.Of(s.Auditor);

            // Its own id: a first audit of the store with that id would be replaced by it.
            if (stored is not null && fromStore.TryGetValue(s.AuditId, out var own)
                && own.Any(a => a.Moderates is null && string.Equals(a.TemplateId, templateId, StringComparison.Ordinal)))
            {
                reasons.Add(Messages.Moderation.IdTaken(s.AuditId, stored.Where));
            }

            if (validator.TryFindAccepted(target, out var first))
            {
                var where = Messages.Moderation.InBatch(first.Source, first.Row);
                Check(reasons, target, where, first.IsModeration, first.CaseKey == caseKey, first.AuditorKey == auditorKey);
            }
            else if (stored is not null && fromStore.TryGetValue(target, out var found))
            {
                var same = found.FirstOrDefault(a => string.Equals(a.TemplateId, templateId, StringComparison.Ordinal));
                if (same is null)
                {
                    reasons.Add(Messages.Moderation.OtherTemplate(target, found.Select(a => a.TemplateId).Order(StringComparer.Ordinal).First(), templateId));
                }
                else
                {
                    Check(reasons, target, stored.Where, same.Moderates is not null, ModerationKeys.Of(same.CaseRef) == caseKey, ModerationKeys.Of(same.Auditor) == auditorKey);
                }
            }
            else if (requireFound)
            {
                reasons.Add(Messages.Moderation.NotFound(target, stored?.Where));
            }

            if (reasons.Count == 0)
            {
                accepted.Add(s);
            }
            else
            {
                rejected.Add(new RejectedRow(s.Source.Source, s.Source.Row, s.AuditId, [.. reasons], s.Team));
            }
        }

        return (accepted, rejected);
    }

    private static void Check(List<string> reasons, string target, string where, bool isModeration, bool sameCase, bool sameAuditor)
    {
        if (isModeration)
        {
            reasons.Add(Messages.Moderation.OfModeration(target, where));
            return;
        }

        if (!sameCase)
        {
            reasons.Add(Messages.Moderation.OtherCase(target, where));
        }

        if (sameAuditor)
        {
            reasons.Add(Messages.Moderation.SameAuditor(target, where));
        }
    }
}
