using Microsoft.Extensions.Logging;

namespace ProadSync.Hosting.Scheduling;

/// <summary>
/// The scheduler's decisions, free of any timer (SPEC R-GEN-4): which accounts are due at the time of
/// <see cref="TimeProvider"/>, skipping disabled and unlicensed ones; never two runs of one account at once; at most
/// <c>maxParallelRuns</c> runs at once; an overrun makes the next run due at once; after stop, no new run starts and
/// running ones get the cancellation so they finish their current item and persist.
/// Quartz (<see cref="SchedulerTickJob"/>, <see cref="AccountRunJob"/>) is the production trigger around it.
/// </summary>
internal sealed class SchedulerCore : IDisposable
{
    private readonly IScheduleSource _source;
    private readonly IAccountRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Database, long AccountId), AccountState> _states = [];
    private readonly List<Task<AccountRunResult>> _started = [];
    private TimeSpan _interval;

    public SchedulerCore(IScheduleSource source, IAccountRunner runner, TimeProvider time, ILogger logger, SchedulerOptions options, CancellationToken hostStopping = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelRuns, 1);
        _source = source;
        _runner = runner;
        _time = time;
        _logger = logger;
        _interval = options.DefaultInterval;
        _slots = new SemaphoreSlim(options.MaxParallelRuns, options.MaxParallelRuns);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
    }

    /// <summary>The interval read at the last tick.</summary>
    public TimeSpan Interval => _interval;

    /// <summary>Whether stop was requested.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Reads the inputs afresh and decides for every account; marks nothing (the caller starts the runs).</summary>
    public async Task<IReadOnlyList<ScheduleDecision>> PlanAsync(CancellationToken cancellationToken)
    {
        if (IsStopping)
        {
            return [];
        }

        var inputs = await _source.ReadAsync(cancellationToken);
        if (inputs.Interval != _interval)
        {
            SchedulerLog.IntervalChanged(_logger, inputs.Interval);
            _interval = inputs.Interval;
        }

        var now = _time.GetUtcNow();
        var decisions = new List<ScheduleDecision>(inputs.Accounts.Count);
        lock (_gate)
        {
            foreach (var account in inputs.Accounts)
            {
                var state = StateOf(account.Database, account.AccountId);
                var decision = Decide(account, state, now);
                if (decision.Action is ScheduleAction.SkippedDisabled or ScheduleAction.SkippedUnlicensed)
                {
                    // Logged at Information when the reason changes, so the log says it once, not every tick.
                    if (state.LastSkipReason != decision.Reason)
                    {
                        SchedulerLog.Skipped(_logger, account.Database, account.AccountId, decision.Reason);
                    }

                    state.LastSkipReason = decision.Reason;
                }
                else
                {
                    state.LastSkipReason = null;
                }

                SchedulerLog.Decision(_logger, account.Database, account.AccountId, decision.Action, decision.Reason);
                decisions.Add(decision);
            }
        }

        return decisions;
    }

    /// <summary>
    /// Runs one account if it is not running and is due (a duplicate request right after a run is a no-op), waiting
    /// for a free slot. The runner gets a token that is cancelled when the host stops.
    /// </summary>
    public async Task<AccountRunResult> RunAsync(string database, long accountId, CancellationToken cancellationToken)
    {
        AccountState state;
        lock (_gate)
        {
            if (IsStopping)
            {
                return new AccountRunResult(AccountRunOutcome.Stopped, false);
            }

            state = StateOf(database, accountId);
            if (state.Running)
            {
                return new AccountRunResult(AccountRunOutcome.AlreadyRunning, false);
            }

            if (state.LastStart is { } last && _time.GetUtcNow() < last + _interval)
            {
                return new AccountRunResult(AccountRunOutcome.NotDue, false);
            }

            state.Running = true;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var outcome = AccountRunOutcome.Ran;
        var started = _time.GetUtcNow();
        try
        {
            try
            {
                await _slots.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                return new AccountRunResult(AccountRunOutcome.Stopped, false);
            }

            try
            {
                started = _time.GetUtcNow();
                lock (_gate)
                {
                    state.LastStart = started;
                }

                SchedulerLog.RunStarts(_logger, database, accountId);
                await _runner.RunAsync(database, accountId, linked.Token);
                var duration = _time.GetUtcNow() - started;
                SchedulerLog.RunEnded(_logger, database, accountId, duration);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                outcome = AccountRunOutcome.Stopped;
                var duration = _time.GetUtcNow() - started;
                SchedulerLog.RunStopped(_logger, database, accountId, duration);
            }
            catch (Exception ex)
            {
                outcome = AccountRunOutcome.Failed;
                SchedulerLog.RunFailed(_logger, ex, database, accountId);
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            lock (_gate)
            {
                state.Running = false;
            }
        }

        var ended = _time.GetUtcNow();
        var dueAgain = !IsStopping && outcome != AccountRunOutcome.Stopped && ended >= started + _interval;
        if (dueAgain)
        {
            var duration = ended - started;
            SchedulerLog.Overran(_logger, database, accountId, duration, _interval);
        }

        return new AccountRunResult(outcome, dueAgain);
    }

    /// <summary>Plans and starts every due account in the background (the in-process driver; tests use it).</summary>
    public async Task<IReadOnlyList<ScheduleDecision>> TickAsync(CancellationToken cancellationToken)
    {
        var decisions = await PlanAsync(cancellationToken);
        foreach (var decision in decisions.Where(d => d.Action == ScheduleAction.Start))
        {
            // RunAsync marks the account running before its first await, so a second tick cannot start it twice.
            var task = RunAsync(decision.Database, decision.AccountId, CancellationToken.None);
            lock (_gate)
            {
                _started.Add(task);
            }
        }

        return decisions;
    }

    /// <summary>
    /// Waits until the runs started by <see cref="TickAsync"/> ended and returns their results, each run once: a run
    /// is handed back by the first call after it started, however fast it ended.
    /// </summary>
    public async Task<IReadOnlyList<AccountRunResult>> WhenRunsEndedAsync()
    {
        Task<AccountRunResult>[] tasks;
        lock (_gate)
        {
            tasks = [.. _started];
            _started.Clear();
        }

        return await Task.WhenAll(tasks);
    }

    /// <summary>Stops: no new run starts, running ones are asked to finish their current item; waits for them.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await WhenRunsEndedAsync();
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private ScheduleDecision Decide(AccountCandidate account, AccountState state, DateTimeOffset now)
    {
        if (state.Running)
        {
            return new(account.Database, account.AccountId, ScheduleAction.AlreadyRunning, "a run of this account is still going");
        }

        if (!account.Enabled)
        {
            return new(account.Database, account.AccountId, ScheduleAction.SkippedDisabled,
                account.DisabledReason is null ? "synchronisation is switched off for this account" : $"synchronisation was switched off: {account.DisabledReason}");
        }

        if (!account.Usable)
        {
            return new(account.Database, account.AccountId, ScheduleAction.SkippedUnlicensed,
                $"interface '{account.Interface}' is not licensed or not switched on for database '{account.Database}' (see 'proadsync databases list')");
        }

        var reference = state.LastStart ?? account.LastRunAt;
        if (reference is null || now >= reference.Value + _interval)
        {
            return new(account.Database, account.AccountId, ScheduleAction.Start, reference is null ? "never ran" : $"last run started {reference:O}");
        }

        return new(account.Database, account.AccountId, ScheduleAction.NotDue, $"next run due at {reference.Value + _interval:O}");
    }

    private AccountState StateOf(string database, long accountId)
    {
        var key = (database.ToLowerInvariant(), accountId);
        if (!_states.TryGetValue(key, out var state))
        {
            state = new AccountState();
            _states[key] = state;
        }

        return state;
    }

    private sealed class AccountState
    {
        public bool Running { get; set; }

        public DateTimeOffset? LastStart { get; set; }

        public string? LastSkipReason { get; set; }
    }
}
