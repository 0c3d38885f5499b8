namespace AuditKit.Submissions;

/// <summary>The outcome of validating one row: an accepted <see cref="Submission"/> or a <see cref="RejectedRow"/>, never both.</summary>
public sealed class ValidationResult
{
    private ValidationResult(Submission? submission, RejectedRow? rejected)
    {
        Submission = submission;
        Rejected = rejected;
    }

    /// <summary>The accepted submission, or null when the row was rejected.</summary>
    public Submission? Submission { get; }

    /// <summary>The rejected row with every reason, or null when the row was accepted.</summary>
    public RejectedRow? Rejected { get; }

    public bool IsAccepted => Submission is not null;

    /// <summary>The team the row is counted under (accepted) or names (rejected), or null when it gives none that could be read.</summary>
    public string? Team => Submission?.Team ?? Rejected?.Team;

    public static ValidationResult Accept(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return new ValidationResult(submission, null);
    }

    public static ValidationResult Reject(RejectedRow rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return new ValidationResult(null, rejected);
    }
}
