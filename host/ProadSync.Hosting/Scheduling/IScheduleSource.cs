namespace ProadSync.Hosting.Scheduling;

/// <summary>Reads the scheduler's inputs afresh (every tick).</summary>
internal interface IScheduleSource
{
    Task<ScheduleInputs> ReadAsync(CancellationToken cancellationToken);
}
