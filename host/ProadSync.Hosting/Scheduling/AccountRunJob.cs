using System.Globalization;
using Quartz;

namespace ProadSync.Hosting.Scheduling;

/// <summary>
/// One account's run, keyed by database and account: Quartz never runs two of one key at once (also across the nodes
/// of a clustered store later). After an overrun it fires the heartbeat at once, so the next run starts right after
/// this one ended, with licences and switches read afresh (SPEC R-GEN-4).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class AccountRunJob : IJob
{
    public const string DatabaseKey = "database";
    public const string AccountKey = "accountId";

    private readonly SchedulerCore _core;

    public AccountRunJob(SchedulerCore core) => _core = core;

    public static JobKey KeyFor(string database, long accountId) =>
        new(accountId.ToString(CultureInfo.InvariantCulture), "account:" + database.ToLowerInvariant());

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var database = Convert.ToString(data[DatabaseKey], CultureInfo.InvariantCulture)!;
        var accountId = Convert.ToInt64(data[AccountKey], CultureInfo.InvariantCulture);
        var result = await _core.RunAsync(database, accountId, cancellationToken);
        if (result.DueAgain)
        {
            await context.Scheduler.TriggerJob(SchedulerTickJob.Key, CancellationToken.None);
        }
    }
}
