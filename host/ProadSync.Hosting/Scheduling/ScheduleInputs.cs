namespace ProadSync.Hosting.Scheduling;

/// <summary>What the scheduler re-reads on every tick: the interval and the accounts with their switches and licences.</summary>
/// <param name="Interval">The run interval.</param>
/// <param name="Accounts">The accounts of every database.</param>
internal sealed record ScheduleInputs(TimeSpan Interval, IReadOnlyList<AccountCandidate> Accounts);
