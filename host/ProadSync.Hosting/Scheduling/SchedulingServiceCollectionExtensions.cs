using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Licensing;
using Quartz;

namespace ProadSync.Hosting.Scheduling;

/// <summary>Registers the licensing service and the scheduler in a Generic Host.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LicensingService"/> as a singleton (needs an <see cref="ILeadingCatalog"/> in the
    /// container; uses the registered <see cref="TimeProvider"/> or the system clock).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddProadSyncLicensing(this IServiceCollection services, Action<LicensingOptions>? configure = null)
    {
        var options = new LicensingOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LicensingService(
            sp.GetRequiredService<ILeadingCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LicensingService>(),
            options));
        return services;
    }

    /// <summary>
    /// Registers the scheduler (SPEC R-GEN-4) on Quartz with an in-memory store, as a hosted service that waits for
    /// running accounts on shutdown. Needs an <see cref="ILeadingCatalog"/> and an <see cref="IAccountRunner"/> in the
    /// container; registers <see cref="LicensingService"/> when missing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options (default interval, parallel runs, tick period, plugin → interface).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddProadSyncScheduler(this IServiceCollection services, Action<SchedulerOptions>? configure = null)
    {
        var options = new SchedulerOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelRuns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TickPeriod, TimeSpan.FromSeconds(1));

        services.AddProadSyncLicensing();
        services.AddSingleton(options);
        services.AddSingleton<IScheduleSource>(sp => new CatalogScheduleSource(
            sp.GetRequiredService<ILeadingCatalog>(),
            sp.GetRequiredService<LicensingService>(),
            options,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<CatalogScheduleSource>()));
        services.AddSingleton(sp => new SchedulerCore(
            sp.GetRequiredService<IScheduleSource>(),
            sp.GetRequiredService<IAccountRunner>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<SchedulerCore>(),
            options,
            sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        services.AddTransient<SchedulerTickJob>();
        services.AddTransient<AccountRunJob>();

        services.AddQuartz(q =>
        {
            q.UseInMemoryStore();

            // One thread for the heartbeat, the rest for account runs; the core's slots enforce the limit as well.
            q.UseDefaultThreadPool(options.MaxParallelRuns + 1);
            q.AddJob<SchedulerTickJob>(j => j.WithIdentity(SchedulerTickJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(SchedulerTickJob.Key)
                .WithIdentity("tick", "proadsync")
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(options.TickPeriod)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
