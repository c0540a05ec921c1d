using Microsoft.Extensions.Logging;

namespace ProadSync.Hosting.Scheduling;

internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Account {AccountId} of database {Database} is skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string database, long accountId, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Account {AccountId} of database {Database}: {Action} ({Reason})")]
    public static partial void Decision(ILogger logger, string database, long accountId, ScheduleAction action, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Run of account {AccountId} of database {Database} starts")]
    public static partial void RunStarts(ILogger logger, string database, long accountId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Run of account {AccountId} of database {Database} ended after {Duration}")]
    public static partial void RunEnded(ILogger logger, string database, long accountId, TimeSpan duration);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Run of account {AccountId} of database {Database} failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string database, long accountId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Run of account {AccountId} of database {Database} stopped with the host after {Duration}")]
    public static partial void RunStopped(ILogger logger, string database, long accountId, TimeSpan duration);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Run of account {AccountId} of database {Database} took {Duration}, longer than the interval {Interval}: the next run starts at once")]
    public static partial void Overran(ILogger logger, string database, long accountId, TimeSpan duration, TimeSpan interval);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Error, Message = "The accounts of database {Database} cannot be read this tick: {Reason}")]
    public static partial void DatabaseUnreadable(ILogger logger, string database, string reason);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "Run interval is now {Interval}")]
    public static partial void IntervalChanged(ILogger logger, TimeSpan interval);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Error, Message = "The scheduler's tick failed; it tries again at the next tick")]
    public static partial void TickFailed(ILogger logger, Exception exception);
}
