namespace AuditKit.Reporting;

/// <summary>Choices for <c>report.html</c> that are not in the run itself.</summary>
/// <param name="ProvisionalBelow">
/// A figure resting on fewer cases than this (n below it) is marked provisional; the method note says so.
/// </param>
public sealed record HtmlReportOptions(int ProvisionalBelow = HtmlReportOptions.DefaultProvisionalBelow)
{
    public const int DefaultProvisionalBelow = 5;

    public static HtmlReportOptions Default { get; } = new();
}
