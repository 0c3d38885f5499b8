using AuditKit.Store;
using AuditKit.Templates;
using static AuditKit.Tests.Store.StoreRuns;

namespace AuditKit.Tests.Store;

/// <summary>Comments count in a revision's content, without changing the hash of a row that has none.</summary>
public sealed class CaseContentHashTests
{
    [Fact]
    public void Of_RowWithoutComments_HashesAsBeforeCommentsWereKept()
    {
        var row = Case("A1", D("2026-11-02"), "Team A", Outcome.Met, Outcome.NotMet);

        // The hash of this row from before comments were kept (so stores written then see it as unchanged): SHA-256 of
        // "2:A1" "10:2026-11-02" ... "-1:" (no practitioner) ... "3:met" "7:not_met".
        const string before = "c21e1ba430fc2a7ff97b07f75127f454d5921dead591275ef849e2ff0733e1a2";
        CaseContentHash.Of(row).ShouldBe(before);
        CaseContentHash.Of(row with { Comments = [null, null] }).ShouldBe(before);
    }

    [Fact]
    public void Of_CommentAddedOrCorrected_IsAnotherHash()
    {
        var row = Case("A1", D("2026-11-02"), "Team A", Outcome.Met, Outcome.NotMet);

        var hashes = new[]
        {
            CaseContentHash.Of(row),
            CaseContentHash.Of(row with { Comments = ["Seen alone.", null] }),
            CaseContentHash.Of(row with { Comments = ["Seen alone!", null] }),
            CaseContentHash.Of(row with { Comments = [null, "Seen alone."] }),
        };

        hashes.Distinct().Count().ShouldBe(4);
    }
}
