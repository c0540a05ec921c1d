namespace ProadSync.Hosting.Scheduling;

/// <summary>The scheduler's decision for one account at one tick.</summary>
/// <param name="Database">The database's name.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Action">What happens.</param>
/// <param name="Reason">Why, in words (for the log).</param>
public sealed record ScheduleDecision(string Database, long AccountId, ScheduleAction Action, string Reason);
