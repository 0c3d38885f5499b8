using AuditKit.Compliance.Trends;

namespace AuditKit.Tests.Compliance.Trends;

public class TargetFollowUpTests
{
    private static readonly DateOnly Raised = new(2026, 11, 30);

    [Fact]
    public void Describe_LaterMonthAtTarget_NamesTheFirstSuchMonth()
    {
        KeyValuePair<string, double?>[] monthly = [new("2026-11", 0.95), new("2026-12", 0.5), new("2027-02", 0.8), new("2027-03", 0.9)];

        TargetFollowUp.Describe(Raised, 0.8, monthly).ShouldBe("reached target in 2027-02");
    }

    [Fact]
    public void Describe_LaterMonthsBelowTarget_NotYet()
    {
        KeyValuePair<string, double?>[] monthly = [new("2026-12", 0.5), new("2027-01", null)];

        TargetFollowUp.Describe(Raised, 0.8, monthly).ShouldBe("not yet");
    }

    [Fact]
    public void Describe_OnlyTheMonthItWasRaised_NoLaterAudits()
    {
        KeyValuePair<string, double?>[] monthly = [new("2026-11", 0.95), new("2026-10", 1.0)];

        TargetFollowUp.Describe(Raised, 0.8, monthly).ShouldBe("no later audits");
    }
}
