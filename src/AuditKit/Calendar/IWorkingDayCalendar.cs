namespace AuditKit.Calendar;

/// <summary>Working days: Monday to Friday less bank holidays.</summary>
public interface IWorkingDayCalendar
{
    bool IsWorkingDay(DateOnly date);

    /// <summary>The date <paramref name="workingDays"/> working days after <paramref name="start"/> (before, when negative).</summary>
    DateOnly AddWorkingDays(DateOnly start, int workingDays);

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    int WorkingDaysBetween(DateOnly from, DateOnly to);
}
