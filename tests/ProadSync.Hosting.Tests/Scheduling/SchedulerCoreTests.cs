using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Licensing;
using ProadSync.Hosting.Scheduling;
using ProadSync.Hosting.Tests.Fakes;

namespace ProadSync.Hosting.Tests.Scheduling;

/// <summary>The scheduler's decisions, driven by a fake clock: no test sleeps or waits for wall-clock time.</summary>
[TestFixture]
[Category("R-GEN-4")]
public sealed class SchedulerCoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private InMemoryCatalog _catalog = null!;
    private LicensingService _licensing = null!;
    private FakeRunner _runner = null!;
    private ListLogger _log = null!;
    private SchedulerCore _core = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(T0);
        _catalog = new InMemoryCatalog().WithDatabase("alpha").WithDatabase("beta");
        _licensing = new LicensingService(_catalog, _time, NullLogger.Instance);
        await _licensing.InstallDevelopmentLicenceAsync();
        await _licensing.SetEnabledAsync("alpha", "caldav", true);
        _runner = new FakeRunner();
        _log = new ListLogger();
        _core = CreateCore(maxParallelRuns: 4);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var (_, id) in _runner.Calls)
        {
            _runner.Release(id);
        }

        await _core.StopAsync();
        _core.Dispose();
    }

    private SchedulerCore CreateCore(int maxParallelRuns)
    {
        var options = new SchedulerOptions { MaxParallelRuns = maxParallelRuns };
        var source = new CatalogScheduleSource(_catalog, _licensing, options, NullLogger.Instance);
        return new SchedulerCore(source, _runner, _time, _log, options);
    }

    private void AddAccount(string database, long id, string plugin = "caldav", bool enabled = true, string? disabledReason = null, DateTimeOffset? lastRunAt = null) =>
        _catalog.Accounts[database].Add(new SyncAccount
        {
            Id = id,
            UserId = id,
            PluginId = plugin,
            Enabled = enabled,
            DisabledReason = disabledReason,
            LastRunAt = lastRunAt,
        });

    private async Task<ScheduleAction> TickAndSettleAsync(long accountId)
    {
        var decisions = await _core.TickAsync(CancellationToken.None);
        if (!_runner.Hold)
        {
            await _core.WhenRunsEndedAsync();
        }

        return decisions.Single(d => d.AccountId == accountId).Action;
    }

    [Test]
    public async Task R_GEN_4_an_enabled_account_runs_every_five_minutes_by_default()
    {
        AddAccount("alpha", 1);

        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.NotDue));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));

        Assert.That(_runner.Calls, Has.Count.EqualTo(3));
        Assert.That(_core.Interval, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task R_GEN_4_the_admin_changes_the_interval_and_the_next_tick_uses_it()
    {
        AddAccount("alpha", 1);
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));

        await SchedulerSettings.SetIntervalAsync(_catalog, TimeSpan.FromMinutes(10), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.NotDue));
        Assert.That(_core.Interval, Is.EqualTo(TimeSpan.FromMinutes(10)));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));

        await SchedulerSettings.SetIntervalAsync(_catalog, TimeSpan.FromMinutes(2), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
        Assert.That(_runner.Calls, Has.Count.EqualTo(3));
    }

    [Test]
    public void R_GEN_4_an_interval_outside_whole_minutes_1_to_1440_is_refused()
    {
        Assert.That(() => SchedulerSettings.SetIntervalAsync(_catalog, TimeSpan.FromSeconds(30), CancellationToken.None), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SchedulerSettings.SetIntervalAsync(_catalog, TimeSpan.FromMinutes(1441), CancellationToken.None), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SchedulerSettings.SetIntervalAsync(_catalog, TimeSpan.FromSeconds(90), CancellationToken.None), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task R_GEN_4_a_broken_interval_setting_falls_back_to_the_default()
    {
        await _catalog.SetSettingAsync(SchedulerSettings.IntervalMinutes, "soon", CancellationToken.None);

        Assert.That(await SchedulerSettings.GetIntervalAsync(_catalog, TimeSpan.FromMinutes(5), CancellationToken.None), Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task R_GEN_4_a_run_that_overruns_is_followed_at_once_by_the_next_and_never_overlaps()
    {
        AddAccount("alpha", 1);
        _runner.Hold = true;

        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
        await _runner.WaitEnteredAsync();

        _time.Advance(TimeSpan.FromMinutes(7));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.AlreadyRunning), "no second run while the first goes on");
        Assert.That(_runner.Calls, Has.Count.EqualTo(1));

        _runner.Release(1);
        var results = await _core.WhenRunsEndedAsync();
        Assert.That(results.Single().DueAgain, Is.True, "the overrun asks for the next run at once");

        _runner.Hold = false;
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start), "right after the end, without waiting for time to pass");
        Assert.That(_runner.Calls, Has.Count.EqualTo(2));
        Assert.That(_runner.MaxConcurrent, Is.EqualTo(1));
    }

    [Test]
    public async Task R_GEN_4_a_run_that_ends_before_anyone_waits_for_it_still_reports_its_result()
    {
        AddAccount("alpha", 1);
        AddAccount("beta", 2);

        // Both runs end synchronously inside the tick, before WhenRunsEndedAsync is called.
        await _core.TickAsync(CancellationToken.None);
        var results = await _core.WhenRunsEndedAsync();

        Assert.That(results, Has.Count.EqualTo(_runner.Calls.Count).And.Count.EqualTo(1));
        Assert.That(results.Single().Outcome, Is.EqualTo(AccountRunOutcome.Ran));
        Assert.That(await _core.WhenRunsEndedAsync(), Is.Empty, "each run's result is handed back once");
    }

    [Test]
    public async Task R_GEN_4_a_run_within_the_interval_does_not_ask_for_an_immediate_next_run()
    {
        AddAccount("alpha", 1);
        _runner.Body = (_, _, _) =>
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            return Task.CompletedTask;
        };

        var result = await _core.RunAsync("alpha", 1, CancellationToken.None);

        Assert.That(result, Is.EqualTo(new AccountRunResult(AccountRunOutcome.Ran, DueAgain: false)));
    }

    [Test]
    public async Task R_GEN_4_two_requests_for_one_account_never_run_at_once_and_a_duplicate_after_the_run_is_a_no_op()
    {
        AddAccount("alpha", 1);
        _runner.Hold = true;

        var first = _core.RunAsync("alpha", 1, CancellationToken.None);
        await _runner.WaitEnteredAsync();
        var second = await _core.RunAsync("alpha", 1, CancellationToken.None);
        Assert.That(second.Outcome, Is.EqualTo(AccountRunOutcome.AlreadyRunning));

        _runner.Release(1);
        Assert.That((await first).Outcome, Is.EqualTo(AccountRunOutcome.Ran));
        var duplicate = await _core.RunAsync("alpha", 1, CancellationToken.None);
        Assert.That(duplicate.Outcome, Is.EqualTo(AccountRunOutcome.NotDue));
        Assert.That(_runner.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task R_GEN_4_a_disabled_account_is_skipped_and_the_skip_is_logged_once()
    {
        AddAccount("alpha", 1, enabled: false, disabledReason: "Switched off after 5 failed connection attempts in a row");

        var first = (await _core.TickAsync(CancellationToken.None)).Single();
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = (await _core.TickAsync(CancellationToken.None)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(first.Action, Is.EqualTo(ScheduleAction.SkippedDisabled));
            Assert.That(second.Action, Is.EqualTo(ScheduleAction.SkippedDisabled));
            Assert.That(first.Reason, Does.Contain("5 failed connection attempts"));
            Assert.That(_runner.Calls, Is.Empty);
            Assert.That(_log.Entries.Count(e => e.Level == LogLevel.Information && e.Message.Contains("is skipped", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task R_GEN_4_switches_are_re_read_every_tick_so_an_account_switched_on_runs_at_the_next_tick()
    {
        AddAccount("alpha", 1, enabled: false);
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.SkippedDisabled));

        _catalog.Accounts["alpha"][0] = _catalog.Accounts["alpha"][0] with { Enabled = true };
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
        Assert.That(_runner.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_GEN_4_an_account_of_an_unlicensed_or_switched_off_interface_is_skipped_and_licences_are_re_read_every_tick()
    {
        AddAccount("beta", 2, plugin: "caldav");
        AddAccount("beta", 3, plugin: "vdir");

        var decisions = await _core.TickAsync(CancellationToken.None);
        await _core.WhenRunsEndedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(decisions.Single(d => d.AccountId == 2).Action, Is.EqualTo(ScheduleAction.SkippedUnlicensed));
            Assert.That(decisions.Single(d => d.AccountId == 2).Reason, Does.Contain("'caldav'").And.Contain("'beta'"));
            Assert.That(decisions.Single(d => d.AccountId == 3).Action, Is.EqualTo(ScheduleAction.Start), "vdir needs no interface");
        });

        await _licensing.SetEnabledAsync("beta", "caldav", true);
        Assert.That(await TickAndSettleAsync(2), Is.EqualTo(ScheduleAction.Start));

        await _licensing.SetEnabledAsync("beta", "caldav", false);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await TickAndSettleAsync(2), Is.EqualTo(ScheduleAction.SkippedUnlicensed));
        Assert.That(_runner.Calls.Count(c => c.AccountId == 2), Is.EqualTo(1));
    }

    [Test]
    [Category("R-SM-2")]
    public async Task R_GEN_4_a_removed_licence_stops_runs_at_the_next_tick()
    {
        var service = new LicensingService(_catalog, _time, NullLogger.Instance);
        AddAccount("alpha", 1);
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));

        await _catalog.SetSettingAsync(LicensingSettings.Licence, null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.SkippedUnlicensed));
        Assert.That((await service.GetAsync()).Installed, Is.False);
    }

    [Test]
    public async Task R_GEN_4_accounts_of_different_users_run_in_parallel_up_to_the_limit()
    {
        _core.Dispose();
        _core = CreateCore(maxParallelRuns: 2);
        AddAccount("alpha", 1);
        AddAccount("alpha", 2);
        AddAccount("alpha", 3);
        _runner.Hold = true;

        var decisions = await _core.TickAsync(CancellationToken.None);
        Assert.That(decisions.Select(d => d.Action), Is.All.EqualTo(ScheduleAction.Start));
        await _runner.WaitEnteredAsync(2);
        Assert.That(_runner.Current, Is.EqualTo(2));

        var again = await _core.TickAsync(CancellationToken.None);
        Assert.That(again.Select(d => d.Action), Is.All.EqualTo(ScheduleAction.AlreadyRunning), "the third waits for a slot and counts as running");

        var firstTwo = _runner.Calls.Select(c => c.AccountId).ToList();
        _runner.Release(firstTwo[0]);
        await _runner.WaitEnteredAsync();
        _runner.Release(firstTwo[1]);
        _runner.Release(_runner.Calls.Select(c => c.AccountId).Except(firstTwo).Single());
        await _core.WhenRunsEndedAsync();

        Assert.That(_runner.Calls.Select(c => c.AccountId), Is.EquivalentTo(new long[] { 1, 2, 3 }));
        Assert.That(_runner.MaxConcurrent, Is.EqualTo(2));
    }

    [Test]
    public async Task R_GEN_4_graceful_stop_lets_the_current_item_finish_and_persist_and_starts_nothing_new()
    {
        AddAccount("alpha", 1);
        var persisted = false;
        var itemsDone = 0;
        _runner.Body = async (_, _, token) =>
        {
            // A run that works item by item and, when asked to stop, finishes the current item and persists.
            while (true)
            {
                itemsDone++;
                if (token.IsCancellationRequested)
                {
                    persisted = true;
                    token.ThrowIfCancellationRequested();
                }

                await Task.Yield();
                await Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        };

        await _core.TickAsync(CancellationToken.None);
        await _runner.WaitEnteredAsync();
        await _core.StopAsync();
        Assert.That(_runner.Current, Is.Zero, "StopAsync waited for the run to end");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(persisted, Is.True);
            Assert.That(itemsDone, Is.GreaterThanOrEqualTo(1));
            Assert.That(_core.IsStopping, Is.True);
            _time.Advance(TimeSpan.FromMinutes(10));
            Assert.That(await _core.TickAsync(CancellationToken.None), Is.Empty);
            Assert.That((await _core.RunAsync("alpha", 1, CancellationToken.None)).Outcome, Is.EqualTo(AccountRunOutcome.Stopped));
            Assert.That(_runner.Calls, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task R_GEN_4_the_stored_last_run_counts_after_a_restart()
    {
        AddAccount("alpha", 1, lastRunAt: T0 - TimeSpan.FromMinutes(2));

        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.NotDue));
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
    }

    [Test]
    public async Task R_GEN_4_a_failing_run_is_logged_and_the_account_runs_again_at_the_next_interval()
    {
        AddAccount("alpha", 1);
        _runner.Body = (_, _, _) => throw new InvalidOperationException("boom");

        var result = await _core.RunAsync("alpha", 1, CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(AccountRunOutcome.Failed));
        Assert.That(_log.Entries.Any(e => e.Level == LogLevel.Error), Is.True);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await TickAndSettleAsync(1), Is.EqualTo(ScheduleAction.Start));
    }
}
