using AuditKit.Store;

namespace AuditKit.Tests.Store;

public sealed class ActionContentTests
{
    [Fact]
    public void Digest_SameParts_Equal()
    {
        ActionContent.Digest("See the child alone.", "Sam Jones", "Priya Shah")
            .ShouldBe(ActionContent.Digest("See the child alone.", "Sam Jones", "Priya Shah"));
    }

    [Theory]
    [InlineData("See the child alone!", "Sam Jones", "Priya Shah")]
    [InlineData("See the child alone.", "Sam Jone", "Priya Shah")]
    [InlineData("See the child alone.", "Sam Jones", "Priya Shah ")]
    [InlineData("See the child alone.", "Sam Jones", "")]
    [InlineData("See the child alone.", "Sam Jones", null)]
    [InlineData("See the child alone.Sam Jones", "", "Priya Shah")] // the parts run together differently
    public void Digest_AnyPartChanged_Differs(string text, string owner, string? escalateTo)
    {
        ActionContent.Digest(text, owner, escalateTo)
            .ShouldNotBe(ActionContent.Digest("See the child alone.", "Sam Jones", "Priya Shah"));
    }

    [Fact]
    public void Digest_NoEscalationAndEmptyEscalation_Differ()
    {
        ActionContent.Digest("Text", "Owner", null).ShouldNotBe(ActionContent.Digest("Text", "Owner", string.Empty));
    }
}
