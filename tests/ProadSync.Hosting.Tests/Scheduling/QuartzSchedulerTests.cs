using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Licensing;
using ProadSync.Hosting.Scheduling;
using ProadSync.Hosting.Tests.Fakes;
using Quartz;

namespace ProadSync.Hosting.Tests.Scheduling;

/// <summary>The production wiring: a Generic Host with the Quartz scheduler around the core.</summary>
[TestFixture]
[Category("R-GEN-4")]
public sealed class QuartzSchedulerTests
{
    [Test]
    public void R_GEN_4_account_and_tick_jobs_never_run_concurrently_with_themselves()
    {
        Assert.Multiple(() =>
        {
            Assert.That(typeof(AccountRunJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), inherit: false), Is.True);
            Assert.That(typeof(SchedulerTickJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), inherit: false), Is.True);
            Assert.That(AccountRunJob.KeyFor("Alpha", 7), Is.EqualTo(AccountRunJob.KeyFor("alpha", 7)));
            Assert.That(AccountRunJob.KeyFor("alpha", 7), Is.Not.EqualTo(AccountRunJob.KeyFor("beta", 7)));
        });
    }

    [Test]
    public async Task R_GEN_4_the_hosted_scheduler_runs_due_accounts_and_stops_them_gracefully()
    {
        var catalog = new InMemoryCatalog().WithDatabase("alpha");
        var licensing = new LicensingService(catalog, TimeProvider.System, NullLogger.Instance);
        await licensing.InstallDevelopmentLicenceAsync();
        await licensing.SetEnabledAsync("alpha", "caldav", true);
        catalog.Accounts["alpha"].Add(new SyncAccount { Id = 1, UserId = 1, PluginId = "vdir", Enabled = true });
        catalog.Accounts["alpha"].Add(new SyncAccount { Id = 2, UserId = 2, PluginId = "caldav", Enabled = true });
        catalog.Accounts["alpha"].Add(new SyncAccount { Id = 3, UserId = 3, PluginId = "caldav", Enabled = false });

        var persisted = new ConcurrentBag<long>();
        var runner = new FakeRunner
        {
            // Each run works until the host stops, then finishes its item and persists.
            Body = async (_, id, token) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => { }, TaskScheduler.Default);
                persisted.Add(id);
            },
        };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILeadingCatalog>(catalog);
        builder.Services.AddSingleton<IAccountRunner>(runner);
        builder.Services.AddProadSyncScheduler(o => o.TickPeriod = TimeSpan.FromSeconds(1));
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            await runner.WaitEnteredAsync(2);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(runner.Calls.Select(c => c.AccountId), Is.EquivalentTo(new long[] { 1, 2 }), "account 3 is switched off; no account ran twice");
            Assert.That(persisted, Is.EquivalentTo(new long[] { 1, 2 }), "stop waited for both runs to finish and persist");
        });
    }
}
