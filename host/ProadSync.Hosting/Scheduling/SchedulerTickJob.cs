using Microsoft.Extensions.Logging;
using Quartz;

namespace ProadSync.Hosting.Scheduling;

/// <summary>
/// The heartbeat: re-reads interval, licences and account switches, and fires the job of every due account. One at a
/// time; a missed beat fires at once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SchedulerTickJob : IJob
{
    public static readonly JobKey Key = new("tick", "proadsync");

    private readonly SchedulerCore _core;
    private readonly ILogger<SchedulerTickJob> _logger;

    public SchedulerTickJob(SchedulerCore core, ILogger<SchedulerTickJob> logger)
    {
        _core = core;
        _logger = logger;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var decisions = await _core.PlanAsync(cancellationToken);
            foreach (var decision in decisions.Where(d => d.Action == ScheduleAction.Start))
            {
                var key = AccountRunJob.KeyFor(decision.Database, decision.AccountId);
                if (!await context.Scheduler.Exists(key, cancellationToken))
                {
                    var job = JobBuilder.Create<AccountRunJob>()
                        .WithIdentity(key)
                        .WithDescription($"Synchronisation of account {decision.AccountId} of database {decision.Database}")
                        .UsingJobData(AccountRunJob.DatabaseKey, decision.Database)
                        .UsingJobData(AccountRunJob.AccountKey, decision.AccountId)
                        .StoreDurably()
                        .Build();
                    await context.Scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
                }

                await context.Scheduler.TriggerJob(key, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stops.
        }
        catch (Exception ex)
        {
            SchedulerLog.TickFailed(_logger, ex);
        }
    }
}
