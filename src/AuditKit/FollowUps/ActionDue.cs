using System.Globalization;

namespace AuditKit.FollowUps;

/// <summary>Where an action that is not done stands against its due date on a day.</summary>
public enum DueState
{
    /// <summary>Its due date is that day or later.</summary>
    NotYetDue,

    /// <summary>
    /// Its due date had passed before it was raised: a case action falls due so many working days after the audit
    /// date, and the audit reached a run after that. Not the owner's delay: it could not be done on time.
    /// </summary>
    RaisedLate,

    /// <summary>It fell due after it was raised, and the day is past its due date.</summary>
    Overdue,
}

/// <summary>How an action's dates read: late-raised told apart from overdue, and when it was raised against its audit.</summary>
public static class ActionDue
{
    /// <summary>The state on <paramref name="asOf"/> of an action not done, due <paramref name="due"/>, raised <paramref name="raised"/>.</summary>
    public static DueState State(DateOnly due, DateOnly raised, DateOnly asOf) =>
        due < raised ? DueState.RaisedLate : due < asOf ? DueState.Overdue : DueState.NotYetDue;

    /// <summary>"30 days after the audit", "1 day after the audit", "on the day of the audit"; "4 days before the audit date" when raised earlier.</summary>
    public static string RaisedAfterAudit(DateOnly auditDate, DateOnly raised)
    {
        var days = raised.DayNumber - auditDate.DayNumber;
        return days switch
        {
            0 => "on the day of the audit",
            1 => "1 day after the audit",
            -1 => "1 day before the audit date",
            < 0 => string.Create(CultureInfo.InvariantCulture, $"{-days} days before the audit date"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{days} days after the audit"),
        };
    }
}
